using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>
/// An export file written by an earlier release, times as round-trip text, is upgraded by the start-up step: every export
/// is kept, its time read back to the millisecond, and new ones are written as millis next to it.
/// </summary>
public sealed class SqliteExportSchemaUpgradeTests : IDisposable
{
    // the table as the first release created it (no attempt yet) and as the release before millis left it
    private const string FirstRelease = """
        CREATE TABLE exports (request_id TEXT NOT NULL PRIMARY KEY, file_key TEXT NOT NULL, row_count INTEGER NOT NULL, created_at TEXT NOT NULL);
        INSERT INTO exports VALUES ($id, 'exports/old.csv', 3, '2025-03-04T05:06:07.8901234+00:00');
        """;

    private const string TextTimesRelease = """
        CREATE TABLE exports (request_id TEXT NOT NULL PRIMARY KEY, file_key TEXT NOT NULL, row_count INTEGER NOT NULL, created_at TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 1);
        INSERT INTO exports VALUES ($id, 'exports/old.csv', 3, '2025-03-04T05:06:07.8901234+00:00', 2);
        """;

    private static readonly DateTimeOffset OldCreatedAt = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(FirstRelease, 1)]
    [InlineData(TextTimesRelease, 2)]
    public async Task An_old_export_reads_back_to_the_millisecond(string schema, int attempt)
    {
        var (database, requestId) = await CreateOldFileAsync(schema);

        var stored = await SqliteExportTestStores.Create(database).FindAsync(requestId, CancellationToken.None);

        Assert.Equal(new ExportRecord(requestId, "exports/old.csv", 3, OldCreatedAt, attempt), stored);
        Assert.Equal("INTEGER", await ScalarAsync(database, "SELECT type FROM pragma_table_info('exports') WHERE name = 'created_at'"));
    }

    [Fact]
    public async Task A_later_attempt_replaces_an_old_export_and_stores_millis()
    {
        var (database, requestId) = await CreateOldFileAsync(TextTimesRelease);
        var later = new ExportRecord(requestId, "exports/new.csv", 5, OldCreatedAt.AddHours(1), 3);

        Assert.Equal(later, await SqliteExportTestStores.Create(database).AddIfAbsentAsync(later, CancellationToken.None));
        Assert.Equal(StoredTime.ToMillis(later.CreatedAt), await ScalarAsync(database, "SELECT created_at FROM exports"));
    }

    [Fact]
    public async Task Instances_upgrading_the_same_file_at_once_all_read_the_export()
    {
        var (database, requestId) = await CreateOldFileAsync(TextTimesRelease);

        var found = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            SqliteExportTestStores.Create(database.FilePath).FindAsync(requestId, CancellationToken.None))));

        Assert.All(found, export => Assert.Equal(OldCreatedAt, export?.CreatedAt));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<(SqliteDatabase Database, Guid RequestId)> CreateOldFileAsync(string schema)
    {
        var database = new SqliteDatabase($"Data Source={_directory.Combine($"export-{Guid.NewGuid():N}.db")}");
        var requestId = Guid.NewGuid();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.Parameters.AddWithValue("$id", requestId.ToString("D"));
        await command.ExecuteNonQueryAsync();
        return (database, requestId);
    }

    private static async Task<object?> ScalarAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
