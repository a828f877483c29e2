using System.Globalization;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// An ingest file written before times were millis (every time a round-trip text) is upgraded by the start-up step: the
/// requests and images tables are copied into the INTEGER shape, every row is kept with its times to the millisecond,
/// the indexes are back, and the comparisons on times (leases, progress, the list's cursor) work on the old rows.
/// </summary>
public sealed class SqliteIngestSchemaUpgradeTests : IDisposable
{
    // the tables and indexes exactly as the release before millis created them
    private const string TextTimesSchema = """
        CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            csv_key TEXT NOT NULL,
            webhook_url TEXT,
            product_count INTEGER NOT NULL,
            images_total INTEGER NOT NULL,
            images_succeeded INTEGER NOT NULL DEFAULT 0,
            images_failed INTEGER NOT NULL DEFAULT 0,
            submitted_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT,
            output_csv_key TEXT,
            output_csv_url TEXT,
            failure_reason TEXT,
            client_id TEXT,
            lease_until TEXT,
            completion_recorded_at TEXT,
            redrives INTEGER NOT NULL DEFAULT 0,
            attempt INTEGER NOT NULL DEFAULT 1,
            cancelled_at TEXT,
            retry_key TEXT,
            webhook_events TEXT,
            event_sequence INTEGER NOT NULL DEFAULT 0,
            progress_at TEXT,
            progress_done INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE products (
            request_id TEXT NOT NULL REFERENCES requests(id),
            row_number INTEGER NOT NULL,
            serial_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (request_id, row_number)
        ) WITHOUT ROWID;
        CREATE TABLE images (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            row_number INTEGER NOT NULL,
            position INTEGER NOT NULL,
            source_url TEXT NOT NULL,
            status TEXT NOT NULL,
            output_key TEXT,
            output_url TEXT,
            bytes_in INTEGER,
            bytes_out INTEGER,
            width INTEGER,
            height INTEGER,
            format TEXT,
            source_quality INTEGER,
            output_quality INTEGER,
            reason_code TEXT,
            reason TEXT,
            worker_id TEXT,
            completed_at TEXT,
            host TEXT NOT NULL DEFAULT '',
            lease_until TEXT,
            attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX ix_images_request_row_position ON images (request_id, row_number, position);
        CREATE INDEX ix_images_request_status ON images (request_id, status);
        
        -- the next images to release, in input order, without scanning the released ones
        CREATE INDEX ix_images_unreleased ON images (request_id, row_number, position) WHERE status = 'Pending' AND lease_until IS NULL;
        -- a request's released images by host (the window and the per-host cap), and leases running out (the sweep)
        CREATE INDEX ix_images_released ON images (request_id, host) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        CREATE INDEX ix_images_lease ON images (lease_until) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        CREATE INDEX ix_requests_lease ON requests (lease_until) WHERE lease_until IS NOT NULL;
        CREATE INDEX ix_requests_status ON requests (status, recorded_at);
        CREATE INDEX ix_requests_client ON requests (client_id, recorded_at DESC, id DESC);
        
        """;

    private const string OldRows = """
        INSERT INTO requests (id, status, csv_key, webhook_url, product_count, images_total, images_succeeded, images_failed,
            submitted_at, recorded_at, updated_at, lease_until, webhook_events, progress_at)
        VALUES ($running, 'Processing', 'uploads/a.csv', 'http://hooks.test/a', 1, 2, 1, 0,
            '2026-12-01T10:00:00.1111111+00:00', '2026-12-01T10:00:00.2222222+00:00', '2026-12-01T10:00:05.3333333+00:00',
            '2026-12-01T10:01:00.0000000+00:00', 'request.progress', '2026-12-01T10:00:01.4444444+00:00');
        INSERT INTO requests (id, status, csv_key, webhook_url, product_count, images_total, images_succeeded, images_failed,
            submitted_at, recorded_at, updated_at, completed_at, output_csv_key, completion_recorded_at, cancelled_at, event_sequence)
        VALUES ($finished, 'Cancelled', 'uploads/b.csv', NULL, 1, 1, 0, 0,
            '2026-12-02T10:00:00.0000000+00:00', '2026-12-02T10:00:00.5555555+00:00', '2026-12-02T10:00:09.0000000+00:00',
            '2026-12-02T10:00:09.9999999+00:00', 'outputs/b.csv', '2026-12-02T10:00:10.0000001+00:00', '2026-12-02T10:00:08.0000000+00:00', 3);
        INSERT INTO products VALUES ($running, 1, 7, 'Lamp'), ($finished, 1, 8, 'Chair');
        INSERT INTO images (id, request_id, row_number, position, source_url, status, output_key, worker_id, completed_at, host, attempts)
        VALUES ($done_image, $running, 1, 0, 'https://img.test/1.jpg', 'Succeeded', 'out/1.jpg', 'w1', '2026-12-01T10:00:05.3333333+00:00', 'https://img.test:443', 1);
        INSERT INTO images (id, request_id, row_number, position, source_url, status, host, lease_until, attempts)
        VALUES ($stalled_image, $running, 1, 1, 'https://img.test/2.jpg', 'Pending', 'https://img.test:443', '2026-12-01T10:02:00.0000000+00:00', 1);
        INSERT INTO images (id, request_id, row_number, position, source_url, status, reason_code, completed_at, host)
        VALUES ($cancelled_image, $finished, 1, 0, 'https://img.test/3.jpg', 'Cancelled', 'cancelled', '2026-12-02T10:00:08.0000000+00:00', 'https://img.test:443');
        """;

    private static readonly DateTimeOffset Later = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("ingest-upgrade-").FullName;
    private readonly Guid _running = Guid.NewGuid();
    private readonly Guid _finished = Guid.NewGuid();
    private readonly Guid _doneImage = Guid.NewGuid();
    private readonly Guid _stalledImage = Guid.NewGuid();
    private readonly Guid _cancelledImage = Guid.NewGuid();

    [Fact]
    public async Task Old_requests_read_back_with_their_times_to_the_millisecond()
    {
        var store = SqliteIngestTestStores.Create(await CreateOldFileAsync());

        var running = await store.GetRequestAsync(_running, CancellationToken.None);
        var finished = await store.GetRequestAsync(_finished, CancellationToken.None);

        Assert.Equal((At("2026-12-01T10:00:00.111"), At("2026-12-01T10:00:00.222"), At("2026-12-01T10:00:05.333"), (DateTimeOffset?)null),
            (running!.SubmittedAt, running.RecordedAt, running.UpdatedAt, running.CompletedAt));
        Assert.Equal((RequestStatuses.Processing, 1, "request.progress"), (running.Status, running.ImagesSucceeded, running.WebhookEvents));
        Assert.Equal((At("2026-12-02T10:00:09.999"), At("2026-12-02T10:00:08.000"), "outputs/b.csv", 3L),
            (finished!.CompletedAt, finished.CancelledAt, finished.OutputCsvKey, finished.EventSequence));
    }

    [Fact]
    public async Task Old_images_keep_their_results_and_times()
    {
        var store = SqliteIngestTestStores.Create(await CreateOldFileAsync());

        var product = Assert.Single(await store.GetProductsAsync(_running, CancellationToken.None).ToListAsync());

        Assert.Equal((7L, "Lamp"), (product.SerialNumber, product.Name));
        Assert.Equal(
            [(_doneImage, ImageStatuses.Succeeded, "out/1.jpg", (DateTimeOffset?)At("2026-12-01T10:00:05.333")), (_stalledImage, ImageStatuses.Pending, null, null)],
            product.Images.Select(image => (image.ImageId, image.Status, image.Outcome.OutputKey, image.CompletedAt)));
        Assert.Equal(At("2026-12-02T10:00:08.000"), (await store.GetImageAsync(_finished, _cancelledImage, CancellationToken.None))!.CompletedAt);
    }

    [Fact]
    public async Task Leases_from_before_the_upgrade_run_out_by_integer_comparison()
    {
        var store = SqliteIngestTestStores.Create(await CreateOldFileAsync());

        var before = await store.ClaimStalledAsync(At("2026-12-01T10:00:59.999"), Later, Later, 10, CancellationToken.None);
        var after = await store.ClaimStalledAsync(At("2026-12-01T10:02:00.001"), Later, Later, 10, CancellationToken.None);

        Assert.Empty(before.Images);
        Assert.Empty(before.Requests);
        Assert.Equal([_stalledImage], after.Images.Select(image => image.ImageId));
        Assert.Equal([_running], after.Requests.Select(request => request.RequestId));
    }

    [Fact]
    public async Task Progress_sent_before_the_upgrade_is_compared_with_the_interval()
    {
        var store = SqliteIngestTestStores.Create(await CreateOldFileAsync());

        // the last progress went out at 10:00:01.444: not due again before then, due after
        Assert.Null(await store.ClaimProgressAsync(_running, Later, At("2026-12-01T10:00:01.443"), CancellationToken.None));
        var claimed = await store.ClaimProgressAsync(_running, Later, At("2026-12-01T10:00:01.444"), CancellationToken.None);

        Assert.Equal(_running, claimed?.RequestId);
    }

    [Fact]
    public async Task The_list_pages_old_requests_newest_first()
    {
        var store = SqliteIngestTestStores.Create(await CreateOldFileAsync());

        var first = await store.ListRequestsAsync(new RequestQuery(null, null, null, 1), CancellationToken.None);
        Assert.True(RequestCursor.TryDecode(first.NextCursor, out var cursor));
        var second = await store.ListRequestsAsync(new RequestQuery(null, null, cursor, 1), CancellationToken.None);

        Assert.Equal([_finished], first.Requests.Select(request => request.RequestId));
        Assert.Equal([_running], second.Requests.Select(request => request.RequestId));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task The_copied_tables_have_integer_times_and_every_index()
    {
        var database = await CreateOldFileAsync();

        await new StoreSchemaStartup(
            [new SqliteIngestSchema(database)], new StoreSchemaProgress(), Options.Create(new StorageOptions()), NullLogger<StoreSchemaStartup>.Instance)
            .StartAsync(CancellationToken.None);

        Assert.All(SqliteIngestSchema.RequestTimeColumns, column => Assert.Equal("INTEGER", Scalar(database, $"SELECT type FROM pragma_table_info('requests') WHERE name = '{column}'")));
        Assert.All(SqliteIngestSchema.ImageTimeColumns, column => Assert.Equal("INTEGER", Scalar(database, $"SELECT type FROM pragma_table_info('images') WHERE name = '{column}'")));
        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM requests WHERE typeof(recorded_at) <> 'integer' OR typeof(COALESCE(completed_at, 0)) <> 'integer'"));
        Assert.Equal(
            ["ix_images_leader", "ix_images_lease", "ix_images_output_key", "ix_images_released", "ix_images_released_host", "ix_images_request_completed",
             "ix_images_request_row_position", "ix_images_request_status", "ix_images_reuse_key", "ix_images_unreleased_leaders",
             "ix_requests_client", "ix_requests_completed", "ix_requests_lease", "ix_requests_status", "ix_source_versions_output"],
            Column(database, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name"));
        Assert.Empty(Column(database, "SELECT * FROM pragma_foreign_key_check"));
        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_upgrade'"));
    }

    [Fact]
    public async Task Instances_upgrading_the_same_file_at_once_all_read_the_old_rows()
    {
        var database = await CreateOldFileAsync();

        var found = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            SqliteIngestTestStores.Create(new SqliteDatabase($"Data Source={database.FilePath}")).GetRequestAsync(_finished, CancellationToken.None))));

        Assert.All(found, request => Assert.Equal(At("2026-12-02T10:00:00.555"), request?.RecordedAt));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }

    private static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, "yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private async Task<SqliteDatabase> CreateOldFileAsync()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(_directory, $"ingest-{Guid.NewGuid():N}.db")}");
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = TextTimesSchema + OldRows;
        foreach (var (name, id) in new[] { ("$running", _running), ("$finished", _finished), ("$done_image", _doneImage), ("$stalled_image", _stalledImage), ("$cancelled_image", _cancelledImage) })
        {
            command.Parameters.AddWithValue(name, id.ToString("D"));
        }
        await command.ExecuteNonQueryAsync();
        return database;
    }

    private static object? Scalar(SqliteDatabase database, string sql) => Column(database, sql).FirstOrDefault();

    private static List<object?> Column(SqliteDatabase database, string sql)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object?>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }
        return values;
    }
}
