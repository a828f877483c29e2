using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>Cancelling a request and re-opening its failed images, each in one write transaction.</summary>
public sealed partial class SqliteIngestStore
{
    public async Task<RequestRecord?> CancelAsync(Guid requestId, DateTimeOffset at, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await _schema.RunAsync(cancellationToken);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var moved = await Execute(connection, transaction, cancellationToken, """
                UPDATE requests SET status = $exporting, cancelled_at = $at, updated_at = $at, lease_until = $lease
                WHERE id = $id AND status = $processing
                """,
                ("$exporting", RequestStatuses.Exporting), ("$processing", RequestStatuses.Processing),
                ("$at", Text(at)), ("$lease", Text(leaseUntil)), ("$id", Text(requestId)));
            if (moved == 1)
            {
                await Execute(connection, transaction, cancellationToken, """
                    UPDATE images SET status = $cancelled, reason_code = $code, reason = $reason, completed_at = $at
                    WHERE request_id = $id AND status = $pending
                    """,
                    ("$cancelled", ImageStatuses.Cancelled), ("$code", CancelledImage.ReasonCode), ("$reason", CancelledImage.Reason),
                    ("$at", Text(at)), ("$id", Text(requestId)), ("$pending", ImageStatuses.Pending));
            }
            return await ReadRequestAsync(connection, transaction, requestId, cancellationToken);
        }, cancellationToken);
    }

    public async Task<RetryOutcome> RetryFailedAsync(
        Guid requestId, IReadOnlyCollection<string>? reasonCodes, string? retryKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _schema.RunAsync(cancellationToken);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var request = await ReadRequestAsync(connection, transaction, requestId, cancellationToken);
            if (request is null || request.Status is not (RequestStatuses.Completed or RequestStatuses.CompletedWithErrors)
                || (retryKey is not null && await Scalar(connection, transaction, cancellationToken,
                    "SELECT 1 FROM requests WHERE id = $id AND retry_key = $key", ("$id", Text(requestId)), ("$key", retryKey)) is not null))
            {
                return new RetryOutcome(request, 0);
            }

            var codes = reasonCodes?.ToArray() ?? [];
            var codeFilter = codes.Length == 0 ? "" : $" AND reason_code IN ({string.Join(", ", codes.Select((_, i) => $"$code{i}"))})";
            var parameters = new List<(string, object)> { ("$id", Text(requestId)), ("$failed", ImageStatuses.Failed), ("$pending", ImageStatuses.Pending) };
            parameters.AddRange(codes.Select((code, i) => ($"$code{i}", (object)code)));
            var reopened = await Execute(connection, transaction, cancellationToken, $"""
                UPDATE images SET status = $pending, lease_until = NULL, output_key = NULL, output_url = NULL, bytes_in = NULL,
                    bytes_out = NULL, width = NULL, height = NULL, format = NULL, source_quality = NULL, output_quality = NULL,
                    reason_code = NULL, reason = NULL, worker_id = NULL, completed_at = NULL
                WHERE request_id = $id AND status = $failed{codeFilter}
                """, [.. parameters]);
            if (reopened == 0)
            {
                return new RetryOutcome(request, 0);
            }
            await Execute(connection, transaction, cancellationToken, """
                UPDATE requests SET status = $processing, attempt = attempt + 1, images_failed = images_failed - $reopened,
                    completed_at = NULL, output_csv_key = NULL, output_csv_url = NULL, lease_until = NULL,
                    completion_recorded_at = NULL, retry_key = $key, updated_at = $at
                WHERE id = $id
                """,
                ("$processing", RequestStatuses.Processing), ("$reopened", reopened), ("$key", DbValue(retryKey)),
                ("$at", Text(at)), ("$id", Text(requestId)));
            return new RetryOutcome(await ReadRequestAsync(connection, transaction, requestId, cancellationToken), reopened);
        }, cancellationToken);
    }
}
