using ImagePipeline.Contracts;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The request's webhook events: its sequence, and the claim of a progress event.</summary>
public sealed partial class SqliteIngestStore
{
    public async Task<RequestRecord?> ClaimProgressAsync(Guid requestId, DateTimeOffset now, DateTimeOffset lastSentBefore, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var claim = Command(connection, transaction, $"""
                UPDATE requests SET progress_at = $now, progress_done = images_succeeded + images_failed, event_sequence = event_sequence + 1
                WHERE id = $id AND status = $processing
                    AND instr(',' || webhook_events || ',', $subscription) > 0
                    AND (progress_at IS NULL OR progress_at <= $before)
                    AND progress_done <> images_succeeded + images_failed
                RETURNING {RequestColumns}
                """,
                ("$id", Text(requestId)), ("$processing", RequestStatuses.Processing), ("$now", StoredTime.ToMillis(now)), ("$before", StoredTime.ToMillis(lastSentBefore)),
                ("$subscription", $",{WebhookEvents.RequestProgress},"));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadRequest(reader) : null;
        }, cancellationToken);
    }

    public async Task<long?> NextEventSequenceAsync(Guid requestId, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var next = await Scalar(connection, transaction, cancellationToken,
                "UPDATE requests SET event_sequence = event_sequence + 1 WHERE id = $id RETURNING event_sequence", ("$id", Text(requestId)));
            return next is null ? (long?)null : Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    public async Task<ImageRecord?> GetImageAsync(Guid requestId, Guid imageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {ImageColumns} FROM images WHERE id = $id AND request_id = $request",
            ("$id", Text(imageId)), ("$request", Text(requestId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadImage(reader) : null;
    }
}
