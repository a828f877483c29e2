namespace ImagePipeline.Ingest.Persistence;

/// <summary>The tables and indexes of Ingest's SQLite database.</summary>
internal static class SqliteIngestSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS requests (
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
        CREATE TABLE IF NOT EXISTS products (
            request_id TEXT NOT NULL REFERENCES requests(id),
            row_number INTEGER NOT NULL,
            serial_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (request_id, row_number)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS images (
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
        CREATE UNIQUE INDEX IF NOT EXISTS ix_images_request_row_position ON images (request_id, row_number, position);
        CREATE INDEX IF NOT EXISTS ix_images_request_status ON images (request_id, status);
        """;

    /// <summary>
    /// Columns added after the first release, for databases created before them (CREATE TABLE IF NOT EXISTS leaves
    /// an existing table as it was). An image pending from then has no lease: the reconciler releases it like a new one.
    /// </summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("requests", "client_id", "TEXT"),
        ("requests", "lease_until", "TEXT"),
        ("requests", "completion_recorded_at", "TEXT"),
        ("requests", "redrives", "INTEGER NOT NULL DEFAULT 0"),
        ("requests", "attempt", "INTEGER NOT NULL DEFAULT 1"),
        ("requests", "cancelled_at", "TEXT"),
        ("requests", "retry_key", "TEXT"),
        ("requests", "webhook_events", "TEXT"),
        ("requests", "event_sequence", "INTEGER NOT NULL DEFAULT 0"),
        ("requests", "progress_at", "TEXT"),
        ("requests", "progress_done", "INTEGER NOT NULL DEFAULT 0"),
        ("images", "host", "TEXT NOT NULL DEFAULT ''"),
        ("images", "lease_until", "TEXT"),
        ("images", "attempts", "INTEGER NOT NULL DEFAULT 0"),
    ];

    /// <summary>Indexes over the added columns, created once they exist.</summary>
    public const string DispatchIndexes = """
        -- the next images to release, in input order, without scanning the released ones
        CREATE INDEX IF NOT EXISTS ix_images_unreleased ON images (request_id, row_number, position) WHERE status = 'Pending' AND lease_until IS NULL;
        -- a request's released images by host (the window and the per-host cap), and leases running out (the sweep)
        CREATE INDEX IF NOT EXISTS ix_images_released ON images (request_id, host) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_images_lease ON images (lease_until) WHERE status = 'Pending' AND lease_until IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_requests_lease ON requests (lease_until) WHERE lease_until IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_requests_status ON requests (status, recorded_at);
        CREATE INDEX IF NOT EXISTS ix_requests_client ON requests (client_id, recorded_at DESC, id DESC);
        """;
}
