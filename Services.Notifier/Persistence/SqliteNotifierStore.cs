using System.Globalization;
using System.Text.Json;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>The Notifier's store in a SQLite file; its tables are made at start (<see cref="SqliteNotifierSchema"/>).</summary>
public sealed partial class SqliteNotifierStore(SqliteDatabase database) : INotifierStore
{
    private const string DeliveryColumns =
        "id, event_id, event_type, request_id, url, payload, status, attempt_count, series, next_attempt_at, traceparent, created_at, updated_at";

    private const string ClaimedColumns =
        "id, event_type, url, payload, attempt_count, series, attempt_count - attempts_before_series AS attempt_in_series, traceparent, client_id";

    private static readonly string Pending = DeliveryStatus.Pending.ToString();

    public async Task<bool> TryAddDeliveryAsync(NewDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO deliveries (id, event_id, event_type, request_id, url, payload, status, attempt_count, series, attempts_before_series, next_attempt_at, traceparent, client_id, host, created_at, updated_at)
                VALUES ($id, $event_id, $event_type, $request_id, $url, $payload, $status, 0, 1, 0, $now, $traceparent, $client_id, $host, $now, $now)
                ON CONFLICT (event_id) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$id", Text(delivery.Id));
            insert.Parameters.AddWithValue("$event_id", delivery.EventId);
            insert.Parameters.AddWithValue("$event_type", delivery.EventType);
            insert.Parameters.AddWithValue("$request_id", Text(delivery.RequestId));
            insert.Parameters.AddWithValue("$url", delivery.Url);
            insert.Parameters.AddWithValue("$payload", delivery.Payload);
            insert.Parameters.AddWithValue("$status", Pending);
            insert.Parameters.AddWithValue("$now", StoredTime.ToMillis(delivery.CreatedAt));
            insert.Parameters.AddWithValue("$traceparent", (object?)delivery.TraceParent ?? DBNull.Value);
            insert.Parameters.AddWithValue("$client_id", (object?)delivery.ClientId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$host", WebhookHost.Of(delivery.Url));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    public async Task<ClaimedDelivery?> TryClaimAsync(Guid deliveryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync("id = $id AND status = $pending AND next_attempt_at <= $now", now, leaseUntil,
            parameters => parameters.AddWithValue("$id", Text(deliveryId)), cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit, IReadOnlyCollection<string> busyHosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(busyHosts);
        // the oldest due delivery of each host that is not busy, then the oldest of those; a row from before hosts were
        // stored partitions by its own id
        return ClaimAsync(
            """
            id IN (
                SELECT id FROM (
                    SELECT id, next_attempt_at,
                        ROW_NUMBER() OVER (PARTITION BY COALESCE(host, id) ORDER BY next_attempt_at, id) AS place_in_host
                    FROM deliveries
                    WHERE status = $pending AND next_attempt_at <= $now
                        AND (host IS NULL OR host NOT IN (SELECT value FROM json_each($busy_hosts))))
                WHERE place_in_host = 1
                ORDER BY next_attempt_at
                LIMIT $limit)
            """,
            now, leaseUntil, parameters =>
            {
                parameters.AddWithValue("$limit", limit);
                parameters.AddWithValue("$busy_hosts", JsonSerializer.Serialize(busyHosts));
            }, cancellationToken);
    }

    public async Task RecordAttemptAsync(
        Guid deliveryId, DeliveryAttempt attempt, DeliveryStatus status, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO delivery_attempts (delivery_id, number, series, attempted_at, status_code, error, latency_ms)
                    VALUES ($id, $number, $series, $attempted_at, $status_code, $error, $latency_ms)
                    ON CONFLICT (delivery_id, number) DO NOTHING;
                    """;
                insert.Parameters.AddWithValue("$id", Text(deliveryId));
                insert.Parameters.AddWithValue("$number", attempt.Number);
                insert.Parameters.AddWithValue("$series", attempt.Series);
                insert.Parameters.AddWithValue("$attempted_at", StoredTime.ToMillis(attempt.AttemptedAt));
                insert.Parameters.AddWithValue("$status_code", (object?)attempt.StatusCode ?? DBNull.Value);
                insert.Parameters.AddWithValue("$error", (object?)attempt.Error ?? DBNull.Value);
                insert.Parameters.AddWithValue("$latency_ms", attempt.LatencyMs);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            // only the holder of the latest claim moves the delivery on: if this attempt outlived its lease and
            // another instance claimed the next one, that one decides
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE deliveries SET status = $status, next_attempt_at = $next_attempt_at, updated_at = $now
                WHERE id = $id AND attempt_count = $number AND status = $pending;
                """;
            update.Parameters.AddWithValue("$id", Text(deliveryId));
            update.Parameters.AddWithValue("$number", attempt.Number);
            update.Parameters.AddWithValue("$status", status.ToString());
            update.Parameters.AddWithValue("$pending", Pending);
            update.Parameters.AddWithValue("$next_attempt_at", nextAttemptAt is { } next ? StoredTime.ToMillis(next) : DBNull.Value);
            update.Parameters.AddWithValue("$now", StoredTime.ToMillis(now));
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<RedeliveryOutcome> RedeliverAsync(Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            // a pending delivery is left alone: its next attempt may be in flight under a lease, and making it due
            // now would let a second claimer send it alongside
            await using var redeliver = connection.CreateCommand();
            redeliver.Transaction = transaction;
            redeliver.CommandText = """
                UPDATE deliveries
                SET status = $pending, next_attempt_at = $now, updated_at = $now,
                    series = series + 1, attempts_before_series = attempt_count
                WHERE id = $id AND status <> $pending;
                """;
            redeliver.Parameters.AddWithValue("$id", Text(deliveryId));
            redeliver.Parameters.AddWithValue("$pending", Pending);
            redeliver.Parameters.AddWithValue("$now", StoredTime.ToMillis(now));
            if (await redeliver.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return RedeliveryOutcome.Redelivered;
            }

            await using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT COUNT(*) FROM deliveries WHERE id = $id;";
            exists.Parameters.AddWithValue("$id", Text(deliveryId));
            return Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0
                ? RedeliveryOutcome.NotFound
                : RedeliveryOutcome.StillPending;
        }, cancellationToken);
    }

    public async Task<DeliveryRecord?> FindAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var found = await ReadDeliveriesAsync("id = $key", Text(deliveryId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        ReadDeliveriesAsync("request_id = $key", Text(requestId), cancellationToken);

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        string where, DateTimeOffset now, DateTimeOffset leaseUntil, Action<SqliteParameterCollection> addParameters, CancellationToken cancellationToken)
    {
        return await database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(async (connection, transaction) =>
        {
            // the claim is the conditional update itself: the lease pushes the due time out and the attempt counter
            // moves on, so a second claimer finds nothing due
            await using var claim = connection.CreateCommand();
            claim.Transaction = transaction;
            claim.CommandText = $"""
                UPDATE deliveries SET attempt_count = attempt_count + 1, next_attempt_at = $lease_until, updated_at = $now
                WHERE {where}
                RETURNING {ClaimedColumns};
                """;
            claim.Parameters.AddWithValue("$pending", Pending);
            claim.Parameters.AddWithValue("$now", StoredTime.ToMillis(now));
            claim.Parameters.AddWithValue("$lease_until", StoredTime.ToMillis(leaseUntil));
            addParameters(claim.Parameters);

            var claimed = new List<ClaimedDelivery>();
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new SqliteRow(reader);
                claimed.Add(new ClaimedDelivery
                {
                    Id = row.Guid("id"),
                    EventType = row.String("event_type"),
                    Url = row.String("url"),
                    Payload = row.String("payload"),
                    AttemptNumber = row.Int32("attempt_count"),
                    Series = row.Int32("series"),
                    AttemptInSeries = row.Int32("attempt_in_series"),
                    TraceParent = row.NullableString("traceparent"),
                    ClientId = row.NullableString("client_id"),
                });
            }
            return claimed;
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<DeliveryRecord>> ReadDeliveriesAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // one read transaction, so deliveries and their attempts come from the same snapshot
        await using var transaction = connection.BeginTransaction(deferred: true);

        var rows = new List<DeliveryRecord>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {DeliveryColumns} FROM deliveries WHERE {where} ORDER BY created_at, id;";
            select.Parameters.AddWithValue("$key", key);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(ReadDelivery(reader));
            }
        }

        var attempts = new Dictionary<Guid, List<DeliveryAttempt>>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT delivery_id, number, series, attempted_at, status_code, error, latency_ms FROM delivery_attempts
                WHERE delivery_id IN (SELECT id FROM deliveries WHERE {where})
                ORDER BY delivery_id, number;
                """;
            select.Parameters.AddWithValue("$key", key);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var deliveryId = Guid.Parse(reader.GetString(0));
                if (!attempts.TryGetValue(deliveryId, out var list))
                {
                    attempts[deliveryId] = list = [];
                }
                list.Add(new DeliveryAttempt(
                    reader.GetInt32(1),
                    reader.GetInt32(2),
                    StoredTime.FromMillis(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetInt64(6)));
            }
        }
        await transaction.CommitAsync(cancellationToken);

        return rows.ConvertAll(row => row with { Attempts = attempts.TryGetValue(row.Id, out var list) ? list : [] });
    }

    private static DeliveryRecord ReadDelivery(SqliteDataReader reader)
    {
        var row = new SqliteRow(reader);
        return new DeliveryRecord
        {
            Id = row.Guid("id"),
            EventId = row.String("event_id"),
            EventType = row.String("event_type"),
            RequestId = row.Guid("request_id"),
            Url = row.String("url"),
            Payload = row.String("payload"),
            Status = Enum.Parse<DeliveryStatus>(row.String("status")),
            AttemptCount = row.Int32("attempt_count"),
            Series = row.Int32("series"),
            NextAttemptAt = row.NullableTime("next_attempt_at"),
            TraceParent = row.NullableString("traceparent"),
            CreatedAt = row.Time("created_at"),
            UpdatedAt = row.Time("updated_at"),
            Attempts = [],
        };
    }

    // one spelling of a GUID in the tables, whatever the caller's formatting
    private static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
