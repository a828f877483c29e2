using System.Globalization;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// The gateway's store in a SQLite file; its tables are made at start (<see cref="SqliteGatewaySchema"/>). Expired
/// idempotency records are deleted whenever a key is taken, so the table holds only live keys and a few stale ones.
/// </summary>
public sealed class SqliteGatewayStore(SqliteDatabase database) : IGatewayStore
{
    private const string IdempotencyColumns =
        "attempt_id, owner, idempotency_key, fingerprint, state, request_id, product_count, image_count, created_at, expires_at";

    private static readonly string InProgress = IdempotencyState.InProgress.ToString();
    private static readonly string Completed = IdempotencyState.Completed.ToString();

    public async Task<bool> TryAddOwnerAsync(Guid requestId, string owner, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO request_owners (request_id, owner, created_at) VALUES ($request_id, $owner, $created_at)
                ON CONFLICT (request_id) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$request_id", Text(requestId));
            insert.Parameters.AddWithValue("$owner", owner);
            insert.Parameters.AddWithValue("$created_at", StoredTime.ToMillis(createdAt));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    public async Task<string?> FindOwnerAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT owner FROM request_owners WHERE request_id = $request_id;";
        select.Parameters.AddWithValue("$request_id", Text(requestId));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IdempotencyRecord?> TryBeginAsync(NewIdempotencyAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        // one immediate transaction: purging, taking the key and reading its holder cannot interleave with another attempt
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using (var purge = connection.CreateCommand())
            {
                purge.Transaction = transaction;
                purge.CommandText = "DELETE FROM idempotency_keys WHERE expires_at <= $now;";
                purge.Parameters.AddWithValue("$now", StoredTime.ToMillis(now));
                await purge.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = $"""
                    INSERT INTO idempotency_keys ({IdempotencyColumns})
                    VALUES ($attempt_id, $owner, $key, $fingerprint, $state, NULL, NULL, NULL, $created_at, $expires_at)
                    ON CONFLICT (owner, idempotency_key) DO NOTHING;
                    """;
                insert.Parameters.AddWithValue("$attempt_id", Text(attempt.AttemptId));
                insert.Parameters.AddWithValue("$owner", attempt.Owner);
                insert.Parameters.AddWithValue("$key", attempt.Key);
                insert.Parameters.AddWithValue("$fingerprint", attempt.Fingerprint);
                insert.Parameters.AddWithValue("$state", InProgress);
                insert.Parameters.AddWithValue("$created_at", StoredTime.ToMillis(attempt.CreatedAt));
                insert.Parameters.AddWithValue("$expires_at", StoredTime.ToMillis(attempt.ExpiresAt));
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return null;
                }
            }
            // the expired ones are gone, so whatever kept the insert out is live
            return await ReadIdempotencyAsync(connection, transaction, attempt.Owner, attempt.Key, now, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency key was neither free nor held.");
        }, cancellationToken);
    }

    public async Task<bool> TryCompleteAsync(Guid attemptId, AcceptedUpload accepted, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE idempotency_keys
                SET state = $completed, request_id = $request_id, product_count = $product_count, image_count = $image_count, expires_at = $expires_at
                WHERE attempt_id = $attempt_id AND state = $in_progress;
                """;
            update.Parameters.AddWithValue("$attempt_id", Text(attemptId));
            update.Parameters.AddWithValue("$completed", Completed);
            update.Parameters.AddWithValue("$in_progress", InProgress);
            update.Parameters.AddWithValue("$request_id", Text(accepted.RequestId));
            update.Parameters.AddWithValue("$product_count", accepted.ProductCount);
            update.Parameters.AddWithValue("$image_count", accepted.ImageCount);
            update.Parameters.AddWithValue("$expires_at", StoredTime.ToMillis(expiresAt));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM idempotency_keys WHERE attempt_id = $attempt_id AND state = $in_progress;";
            delete.Parameters.AddWithValue("$attempt_id", Text(attemptId));
            delete.Parameters.AddWithValue("$in_progress", InProgress);
            return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string owner, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadIdempotencyAsync(connection, transaction: null, owner, key, now, cancellationToken);
    }

    private static async Task<IdempotencyRecord?> ReadIdempotencyAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string owner, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {IdempotencyColumns} FROM idempotency_keys WHERE owner = $owner AND idempotency_key = $key AND expires_at > $now;";
        select.Parameters.AddWithValue("$owner", owner);
        select.Parameters.AddWithValue("$key", key);
        select.Parameters.AddWithValue("$now", StoredTime.ToMillis(now));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var row = new SqliteRow(reader);
        return new IdempotencyRecord
        {
            AttemptId = row.Guid("attempt_id"),
            Owner = row.String("owner"),
            Key = row.String("idempotency_key"),
            Fingerprint = row.String("fingerprint"),
            State = Enum.Parse<IdempotencyState>(row.String("state")),
            Accepted = row.NullableString("request_id") is { } requestId
                ? new AcceptedUpload(Guid.Parse(requestId, CultureInfo.InvariantCulture), row.Int32("product_count"), row.Int32("image_count"))
                : null,
            CreatedAt = row.Time("created_at"),
            ExpiresAt = row.Time("expires_at"),
        };
    }

    private static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
