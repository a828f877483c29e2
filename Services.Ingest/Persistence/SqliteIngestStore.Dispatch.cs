using System.Globalization;
using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Releasing images in windows, the reconciler's claims and the request list. Every claim runs inside one write
/// transaction (SQLite has one writer at a time), so two ingest replicas can never release or re-drive the same item.
/// </summary>
public sealed partial class SqliteIngestStore
{
    // Cancelled too: a cancelled request is announced (request.cancelled) and acknowledged like any finished one
    private const string FinalStatuses = $"('{RequestStatuses.Completed}', '{RequestStatuses.CompletedWithErrors}', '{RequestStatuses.Failed}', '{RequestStatuses.Cancelled}')";

    public async Task<IReadOnlyList<ImageRecord>> ReleaseImagesAsync(Guid requestId, DispatchWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        return await database.WriteAsync<IReadOnlyList<ImageRecord>>(async (connection, transaction) =>
        {
            string? clientKey = null;
            var fresh = false;
            await using (var request = Command(connection, transaction, "SELECT status, client_id, fresh FROM requests WHERE id = $id", ("$id", Text(requestId))))
            await using (var reader = await request.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken) || reader.GetString(0) != RequestStatuses.Processing)
                {
                    return [];
                }
                clientKey = SourceVersionClient.KeyOf(NullableString(reader, 1));
                fresh = reader.GetInt64(2) != 0;
            }

            var outPerHost = new Dictionary<string, int>(StringComparer.Ordinal);
            await using (var released = Command(connection, transaction,
                "SELECT host, COUNT(*) FROM images WHERE request_id = $id AND status = $pending AND lease_until IS NOT NULL GROUP BY host",
                ("$id", Text(requestId)), ("$pending", ImageStatuses.Pending)))
            await using (var reader = await released.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    outPerHost[reader.GetString(0)] = reader.GetInt32(1);
                }
            }
            var room = window.Size - outPerHost.Values.Sum();
            if (room <= 0)
            {
                return [];
            }

            // look a little past the window, so an origin at its limit does not hold back the others behind it
            var picked = new List<ImageRecord>(room);
            var outPerOrigin = new Dictionary<string, int>(StringComparer.Ordinal);
            await using (var next = Command(connection, transaction,
                $"SELECT {ImageColumns}, host FROM images WHERE request_id = $id AND status = $pending AND lease_until IS NULL AND leader_id IS NULL ORDER BY row_number, position LIMIT $look",
                ("$id", Text(requestId)), ("$pending", ImageStatuses.Pending), ("$look", room * 4)))
            await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
            {
                while (picked.Count < room && await reader.ReadAsync(cancellationToken))
                {
                    var host = new SqliteRow(reader).String("host");
                    if (!outPerOrigin.TryGetValue(host, out var outForOrigin))
                    {
                        outForOrigin = await CountReleasedAsync(connection, transaction, host, cancellationToken);
                    }
                    var outForHost = outPerHost.GetValueOrDefault(host);
                    if (outForHost < window.Origins.RequestShareOf(host) && outForOrigin < window.Origins.LimitOf(host))
                    {
                        outPerHost[host] = outForHost + 1;
                        outForOrigin++;
                        picked.Add(ReadImage(reader));
                    }
                    outPerOrigin[host] = outForOrigin;
                }
            }

            await using var lease = Command(connection, transaction,
                "UPDATE images SET lease_until = $lease, attempts = attempts + 1 WHERE id = $image AND status = $pending AND lease_until IS NULL",
                ("$lease", StoredTime.ToMillis(window.LeaseUntil)), ("$pending", ImageStatuses.Pending));
            var image = lease.Parameters.Add("$image", SqliteType.Text);
            foreach (var record in picked)
            {
                image.Value = Text(record.ImageId);
                await lease.ExecuteNonQueryAsync(cancellationToken);
            }
            return fresh ? picked : await WithReusableAsync(connection, transaction, clientKey, picked, cancellationToken);
        }, cancellationToken);
    }

    // every request's images out with the workers from one origin (ix_images_released_host)
    private static async Task<int> CountReleasedAsync(SqliteConnection connection, SqliteTransaction transaction, string host, CancellationToken cancellationToken) =>
        Convert.ToInt32(await Scalar(connection, transaction, cancellationToken,
            "SELECT COUNT(*) FROM images WHERE host = $host AND status = $pending AND lease_until IS NOT NULL",
            ("$host", host), ("$pending", ImageStatuses.Pending)), CultureInfo.InvariantCulture);

    public async Task<StalledWork> ClaimStalledAsync(
        DateTimeOffset now, DateTimeOffset imageLeaseUntil, DateTimeOffset requestLeaseUntil, int max, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var images = new List<ImageRecord>();
            await using (var claim = Command(connection, transaction, $"""
                UPDATE images SET lease_until = $lease, attempts = attempts + 1
                WHERE id IN (SELECT id FROM images WHERE status = $pending AND lease_until IS NOT NULL AND lease_until < $now LIMIT $max)
                RETURNING {ImageColumns}
                """,
                ("$lease", StoredTime.ToMillis(imageLeaseUntil)), ("$pending", ImageStatuses.Pending), ("$now", StoredTime.ToMillis(now)), ("$max", max)))
            await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    images.Add(ReadImage(reader));
                }
            }
            foreach (var group in images.GroupBy(i => i.RequestId))
            {
                await Execute(connection, transaction, cancellationToken, "UPDATE requests SET redrives = redrives + $n WHERE id = $id",
                    ("$n", group.Count()), ("$id", Text(group.Key)));
            }

            var requests = new List<RequestRecord>();
            await using (var claim = Command(connection, transaction, $"""
                UPDATE requests SET lease_until = $lease, redrives = redrives + 1
                WHERE id IN (SELECT id FROM requests WHERE lease_until IS NOT NULL AND lease_until < $now LIMIT $max)
                RETURNING {RequestColumns}
                """,
                ("$lease", StoredTime.ToMillis(requestLeaseUntil)), ("$now", StoredTime.ToMillis(now)), ("$max", max)))
            await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    requests.Add(ReadRequest(reader));
                }
            }
            return new StalledWork(images, requests);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> GetProcessingRequestsAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id FROM requests WHERE status = $processing ORDER BY recorded_at LIMIT $max",
            ("$processing", RequestStatuses.Processing), ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }
        return ids;
    }

    public async Task MarkCompletionRecordedAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) => await Execute(connection, transaction, cancellationToken,
            $"UPDATE requests SET completion_recorded_at = $at, lease_until = NULL WHERE id = $id AND status IN {FinalStatuses}",
            ("$at", StoredTime.ToMillis(at)), ("$id", Text(requestId))), cancellationToken);
    }

    public async Task<RequestPage> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        var conditions = new List<string> { query.ClientId is null ? "client_id IS NULL" : "client_id = $client" };
        if (query.Status is not null)
        {
            conditions.Add("status = $status");
        }
        if (query.Cursor is not null)
        {
            conditions.Add("(recorded_at < $at OR (recorded_at = $at AND id < $after))");
        }
        await using var command = Command(connection, null,
            $"SELECT {RequestColumns} FROM requests WHERE {string.Join(" AND ", conditions)} ORDER BY recorded_at DESC, id DESC LIMIT $limit",
            ("$client", DbValue(query.ClientId)), ("$status", DbValue(query.Status)), ("$limit", query.Limit + 1),
            ("$at", query.Cursor is null ? DBNull.Value : StoredTime.ToMillis(query.Cursor.RecordedAt)),
            ("$after", query.Cursor is null ? DBNull.Value : Text(query.Cursor.RequestId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var requests = new List<RequestRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(ReadRequest(reader));
        }
        return RequestPage.From(requests, query.Limit);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    private static async Task<object?> Scalar(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
