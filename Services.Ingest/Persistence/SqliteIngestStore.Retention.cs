using ImagePipeline.Contracts;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>Retention: which finished requests are past their time, and deleting one request's rows.</summary>
public sealed partial class SqliteIngestStore
{
    private const string PurgeableStatuses =
        $"('{RequestStatuses.Completed}', '{RequestStatuses.CompletedWithErrors}', '{RequestStatuses.Failed}', '{RequestStatuses.Cancelled}')";

    public async Task<IReadOnlyList<Guid>> GetExpiredRequestsAsync(DateTimeOffset finishedBefore, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT id FROM requests
            WHERE completed_at IS NOT NULL AND completed_at < $cutoff AND status IN {PurgeableStatuses}
            ORDER BY completed_at LIMIT $max
            """,
            ("$cutoff", CompletedAtValue(finishedBefore)), ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }
        return ids;
    }

    public async Task<bool> DeleteRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            // one transaction: the request and its children go together, and a request a retry re-opened stays whole
            var finished = await Scalar(connection, transaction, cancellationToken,
                $"SELECT 1 FROM requests WHERE id = $id AND status IN {PurgeableStatuses}", ("$id", Text(requestId)));
            if (finished is null)
            {
                return false;
            }
            // children first: the foreign keys are enforced
            await Execute(connection, transaction, cancellationToken, "DELETE FROM images WHERE request_id = $id", ("$id", Text(requestId)));
            await Execute(connection, transaction, cancellationToken, "DELETE FROM products WHERE request_id = $id", ("$id", Text(requestId)));
            await Execute(connection, transaction, cancellationToken, "DELETE FROM requests WHERE id = $id", ("$id", Text(requestId)));
            return true;
        }, cancellationToken);
    }

    // the one place the retention cutoff meets the stored completion time (StoredTime's millis, as every time column)
    private static object CompletedAtValue(DateTimeOffset time) => StoredTime.ToMillis(time);
}
