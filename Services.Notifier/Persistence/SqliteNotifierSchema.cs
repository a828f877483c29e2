namespace ImagePipeline.Notifier.Persistence;

/// <summary>The Notifier's tables; times are Unix milliseconds so due-time comparisons are plain integer ones.</summary>
internal static class SqliteNotifierSchema
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
}
