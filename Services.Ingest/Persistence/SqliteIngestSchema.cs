using System.Globalization;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// The tables and indexes of Ingest's SQLite database, and the start-up step that makes them (<see cref="CreateAsync"/>):
/// tables, the columns added since the first release, the upgrade of text times, then the indexes. Times are
/// StoredTime's Unix milliseconds, compared as integers.
/// </summary>
internal sealed class SqliteIngestSchema(SqliteDatabase database) : IStoreSchema
{
    /// <summary>Columns of <c>requests</c> that hold times: StoredTime's Unix milliseconds since they stopped being text.</summary>
    public static readonly string[] RequestTimeColumns =
        ["submitted_at", "recorded_at", "updated_at", "completed_at", "lease_until", "completion_recorded_at", "cancelled_at", "progress_at"];

    /// <summary>Columns of <c>images</c> that hold times.</summary>
    public static readonly string[] ImageTimeColumns = ["completed_at", "lease_until"];

    public static string CreateRequests(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name} (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            csv_key TEXT NOT NULL,
            webhook_url TEXT,
            product_count INTEGER NOT NULL,
            images_total INTEGER NOT NULL,
            images_succeeded INTEGER NOT NULL DEFAULT 0,
            images_failed INTEGER NOT NULL DEFAULT 0,
            submitted_at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            output_csv_key TEXT,
            output_csv_url TEXT,
            failure_reason TEXT,
            client_id TEXT,
            lease_until INTEGER,
            completion_recorded_at INTEGER,
            redrives INTEGER NOT NULL DEFAULT 0,
            attempt INTEGER NOT NULL DEFAULT 1,
            cancelled_at INTEGER,
            retry_key TEXT,
            webhook_events TEXT,
            event_sequence INTEGER NOT NULL DEFAULT 0,
            progress_at INTEGER,
            progress_done INTEGER NOT NULL DEFAULT 0,
            fresh INTEGER NOT NULL DEFAULT 0
        );
        """;

    public const string CreateProducts = """
        CREATE TABLE IF NOT EXISTS products (
            request_id TEXT NOT NULL REFERENCES requests(id),
            row_number INTEGER NOT NULL,
            serial_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (request_id, row_number)
        ) WITHOUT ROWID;
        """;

    public static string CreateImages(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name} (
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
            completed_at INTEGER,
            source_preview_key TEXT,
            source_preview_url TEXT,
            output_preview_key TEXT,
            output_preview_url TEXT,
            host TEXT NOT NULL DEFAULT '',
            lease_until INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            reuse TEXT,
            leader_id TEXT,
            reuse_key TEXT
        );
        """;

    /// <summary>
    /// What each client's sources were when their outputs were made: per client and source URL, the validators, the
    /// bytes' hash, the settings' fingerprint and the output (the outcome's columns), so a later request can reuse it.
    /// </summary>
    public static readonly string CreateSourceVersions = $"""
        CREATE TABLE IF NOT EXISTS source_versions (
            client_key TEXT NOT NULL,
            source_url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            content_hash TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            {SqliteImageOutcome.Definitions},
            PRIMARY KEY (client_key, source_url)
        ) WITHOUT ROWID;
        """;

    public static readonly string Create = CreateRequests("requests") + CreateProducts + CreateImages("images") + CreateSourceVersions;

    /// <summary>
    /// Columns added after the first release, for databases created before them (CREATE TABLE IF NOT EXISTS leaves
    /// an existing table as it was). An image pending from then has no lease: the reconciler releases it like a new one.
    /// </summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("requests", "client_id", "TEXT"),
        ("requests", "lease_until", "INTEGER"),
        ("requests", "completion_recorded_at", "INTEGER"),
        ("requests", "redrives", "INTEGER NOT NULL DEFAULT 0"),
        ("requests", "attempt", "INTEGER NOT NULL DEFAULT 1"),
        ("requests", "cancelled_at", "INTEGER"),
        ("requests", "retry_key", "TEXT"),
        ("requests", "webhook_events", "TEXT"),
        ("requests", "event_sequence", "INTEGER NOT NULL DEFAULT 0"),
        ("requests", "progress_at", "INTEGER"),
        ("requests", "progress_done", "INTEGER NOT NULL DEFAULT 0"),
        ("images", "host", "TEXT NOT NULL DEFAULT ''"),
        ("images", "lease_until", "INTEGER"),
        ("images", "attempts", "INTEGER NOT NULL DEFAULT 0"),
        ("images", "source_preview_key", "TEXT"),
        ("images", "source_preview_url", "TEXT"),
        ("images", "output_preview_key", "TEXT"),
        ("images", "output_preview_url", "TEXT"),
        ("requests", "fresh", "INTEGER NOT NULL DEFAULT 0"),
        ("images", "reuse", "TEXT"),
        ("images", "leader_id", "TEXT"),
        ("images", "reuse_key", "TEXT"),
    ];

    /// <summary>
    /// Every index, created once the added columns exist and the time columns are millis (copying a table drops its
    /// indexes, so they are created again after it).
    /// </summary>
    public const string Indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS ix_images_request_row_position ON images (request_id, row_number, position);
        CREATE INDEX IF NOT EXISTS ix_images_request_status ON images (request_id, status);
        -- the next images to release, in input order, without scanning the released ones or the slots that wait on
        -- another slot of the same URL (the index before those existed goes)
        DROP INDEX IF EXISTS ix_images_unreleased;
        CREATE INDEX IF NOT EXISTS ix_images_unreleased_leaders ON images (request_id, row_number, position) WHERE status = 'Pending' AND lease_until IS NULL AND leader_id IS NULL;
        -- the slots a result serves besides its own
        CREATE INDEX IF NOT EXISTS ix_images_leader ON images (leader_id) WHERE leader_id IS NOT NULL;
        -- who still uses an output: a purge deletes it only when no other request does
        CREATE INDEX IF NOT EXISTS ix_images_output_key ON images (output_key) WHERE output_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_images_reuse_key ON images (reuse_key) WHERE reuse_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_source_versions_output ON source_versions (output_key);
        -- a request's released images by host (the window and the per-host cap), and leases running out (the sweep)
        CREATE INDEX IF NOT EXISTS ix_images_released ON images (request_id, host) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        -- every request's released images of one origin (its pace is a limit across requests)
        CREATE INDEX IF NOT EXISTS ix_images_released_host ON images (host) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        -- a running request's recent results (its rate in the status API)
        CREATE INDEX IF NOT EXISTS ix_images_request_completed ON images (request_id, completed_at) WHERE completed_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_images_lease ON images (lease_until) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_requests_lease ON requests (lease_until) WHERE lease_until IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_requests_status ON requests (status, recorded_at);
        CREATE INDEX IF NOT EXISTS ix_requests_client ON requests (client_id, recorded_at DESC, id DESC);
        -- the retention sweep: only finished requests have a completion time (a retry clears it)
        CREATE INDEX IF NOT EXISTS ix_requests_completed ON requests (completed_at) WHERE completed_at IS NOT NULL;
        """;

    public string Name => "ingest (SQLite)";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Create;
            await command.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (table, column, definition) in AddedColumns)
            {
                command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                    try
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                    catch (SqliteException ex) when (ex.Message.Contains("duplicate column name", StringComparison.Ordinal))
                    {
                        // another instance upgrading the same file added it between our check and ours
                    }
                }
            }
        }
        // a file from before times were millis: its two tables with times are copied into today's shape
        await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "requests", CreateRequests, RequestTimeColumns, cancellationToken);
        await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "images", CreateImages, ImageTimeColumns, cancellationToken);
        await using var indexes = await database.OpenAsync(cancellationToken);
        await using var create = indexes.CreateCommand();
        create.CommandText = Indexes;
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
