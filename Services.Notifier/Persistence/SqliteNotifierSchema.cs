using System.Globalization;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// The Notifier's tables, and the start-up step that makes them (<see cref="CreateAsync"/>) with the columns added
/// since; times are Unix milliseconds so due-time comparisons are plain integer ones.
/// </summary>
internal sealed class SqliteNotifierSchema(SqliteDatabase database) : IStoreSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS deliveries (
            id TEXT NOT NULL PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            request_id TEXT NOT NULL,
            url TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            attempt_count INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NULL,
            traceparent TEXT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            series INTEGER NOT NULL DEFAULT 1,
            attempts_before_series INTEGER NOT NULL DEFAULT 0,
            client_id TEXT NULL,
            host TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_deliveries_due ON deliveries (status, next_attempt_at);
        CREATE INDEX IF NOT EXISTS ix_deliveries_request ON deliveries (request_id, created_at);
        CREATE TABLE IF NOT EXISTS delivery_attempts (
            delivery_id TEXT NOT NULL REFERENCES deliveries (id),
            number INTEGER NOT NULL,
            attempted_at INTEGER NOT NULL,
            status_code INTEGER NULL,
            error TEXT NULL,
            latency_ms INTEGER NOT NULL,
            series INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (delivery_id, number)
        );
        """;

    /// <summary>
    /// Columns added after the first release of the tables, each with the default that describes the rows written
    /// before it: every delivery then had one series of attempts, started at attempt 1, and was signed with the master
    /// secret (no client).
    /// </summary>
    public static IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns { get; } =
    [
        ("deliveries", "series", "INTEGER NOT NULL DEFAULT 1"),
        ("deliveries", "attempts_before_series", "INTEGER NOT NULL DEFAULT 0"),
        ("delivery_attempts", "series", "INTEGER NOT NULL DEFAULT 1"),
        ("deliveries", "client_id", "TEXT NULL"),
        // an older row has no host and is claimed as if its host were its own: outside the per-host cap
        ("deliveries", "host", "TEXT NULL"),
    ];

    public string Name => "notifier (SQLite)";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        // under the write lock, so two processes opening an older file do not both add the same column
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using (var create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = Create;
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var (table, column, definition) in AddedColumns)
            {
                await AddColumnIfMissingAsync(connection, transaction, table, column, definition, cancellationToken);
            }
            return true;
        }, cancellationToken);
    }

    private static async Task AddColumnIfMissingAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, string column, string definition, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column;";
        exists.Parameters.AddWithValue("$table", table);
        exists.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
        {
            return;
        }
        await using var add = connection.CreateCommand();
        add.Transaction = transaction;
        // names and definitions come from SqliteNotifierSchema, never from input
        add.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};";
        await add.ExecuteNonQueryAsync(cancellationToken);
    }
}
