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
            failure_reason TEXT
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
            completed_at TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ix_images_request_row_position ON images (request_id, row_number, position);
        CREATE INDEX IF NOT EXISTS ix_images_request_status ON images (request_id, status);
        """;
}
