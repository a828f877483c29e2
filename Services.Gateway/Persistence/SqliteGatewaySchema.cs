using ImagePipeline.Storage;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// The gateway's tables, and the start-up step that makes them (<see cref="CreateAsync"/>); times are Unix milliseconds
/// so expiry comparisons are plain integer ones.
/// </summary>
internal sealed class SqliteGatewaySchema(SqliteDatabase database) : IStoreSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS request_owners (
            request_id TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            owner TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            attempt_id TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL,
            request_id TEXT NULL,
            product_count INTEGER NULL,
            image_count INTEGER NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (owner, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
        """;

    public string Name => "gateway (SQLite)";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = Create;
            return await create.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }
}
