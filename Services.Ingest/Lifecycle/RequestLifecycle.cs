using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Lifecycle;

/// <summary>
/// The one state machine of a request; the stores only offer compare-and-set steps (<see cref="IIngestStore"/>), so
/// every backend follows the same algorithm, and each step is correct without a transaction around it:
/// <code>
///   Processing ──last result──▶ Exporting ──output CSV──▶ Completed | CompletedWithErrors ──retry──▶ Processing (attempt + 1)
///   Processing ──cancel──▶ Exporting (cancelled) ──output CSV──▶ Cancelled
///   (CSV unreadable) ──▶ Failed
/// </code>
/// <list type="bullet">
/// <item>A result is recorded on its image once (Pending → Succeeded or Failed); only the caller that moved the image
/// counts it on the request, and only while the request is Processing. A crash between the two cannot be told, on
/// redelivery, from a count that happened, so it is never repaired by counting again: the counters can lag until the
/// request's last result, when a request with no pending image moves to Exporting with its counters recounted from
/// the images (checked on every result, duplicates too, and by the reconciler's sweep).</item>
/// <item>Every move is conditional on the status (and attempt) it starts from, so of racing callers one makes it.</item>
/// </list>
/// </summary>
public sealed class RequestLifecycle(IIngestStore store)
{
    /// <summary>The statuses a retry of the failed images starts from.</summary>
    public static readonly IReadOnlyList<string> Retryable = [RequestStatuses.Completed, RequestStatuses.CompletedWithErrors];

    /// <summary>How a request that exported ends: Cancelled if its client cancelled it, else by whether an image failed.</summary>
    public static string FinalStatusOf(RequestRecord request, ResultCounts counts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(counts);
        return request.CancelledAt is not null ? RequestStatuses.Cancelled
            : counts.Failed > 0 ? RequestStatuses.CompletedWithErrors
            : RequestStatuses.Completed;
    }

    /// <summary>
    /// Records an image's result once and moves its request to Exporting when it was the last, leased until
    /// <paramref name="leaseUntil"/> for Export to answer. Returns whether this call counted it and the request afterwards.
    /// </summary>
    public async Task<ImageResultOutcome> RecordResultAsync(ImageResult result, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var slots = await store.TryRecordResultAsync(result, cancellationToken);
        var counted = slots > 0;
        var request = counted
            ? await store.CountResultAsync(result.RequestId, result.Succeeded, slots, result.CompletedAt, cancellationToken)
            : await store.GetRequestAsync(result.RequestId, cancellationToken);
        if (request is null)
        {
            return new ImageResultOutcome(false, null);
        }
        // a duplicate that loses (a redelivery, or a second worker's other result) moves the request on in the name of
        // the result that was recorded, so the request's last change is that image's, not the loser's later clock
        var at = counted ? result.CompletedAt
            : (await store.GetImageAsync(result.RequestId, result.ImageId, cancellationToken))?.CompletedAt ?? result.CompletedAt;
        return new ImageResultOutcome(counted, await MoveOnIfDoneAsync(request, at, leaseUntil, cancellationToken));
    }

    /// <summary>
    /// Moves a Processing request with no image left pending to Exporting, with its counters taken from its images;
    /// a request in any other state, or with work left, is returned as it is. A request without images waits: nothing
    /// pending is not the same as everything done.
    /// </summary>
    public async Task<RequestRecord> MoveOnIfDoneAsync(RequestRecord request, DateTimeOffset at, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != RequestStatuses.Processing || request.ImagesTotal == 0
            || await store.HasPendingImagesAsync(request.RequestId, cancellationToken))
        {
            return request;
        }
        // no image is pending, so no count can change any more; a count still in flight is refused by its own
        // Processing condition once this move is made, so it cannot add to the recount
        var counts = await store.CountResultsAsync(request.RequestId, cancellationToken);
        return await store.TryMoveAsync(
                new RequestMove(request.RequestId, RequestStatuses.Processing, RequestStatuses.Exporting, at)
                {
                    Attempt = request.Attempt, Counts = counts, LeaseUntil = leaseUntil,
                }, cancellationToken)
            ?? await store.GetRequestAsync(request.RequestId, cancellationToken)
            ?? request;
    }

    /// <summary>
    /// Completes an Exporting request of this <paramref name="attempt"/> once its output CSV exists, leased until
    /// <paramref name="leaseUntil"/> for Notifier's acknowledgement. A late answer for an earlier attempt changes nothing.
    /// </summary>
    public async Task<RequestRecord?> CompleteAsync(
        Guid requestId, int attempt, string outputCsvKey, string outputCsvUrl, DateTimeOffset completedAt, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is null || request.Status != RequestStatuses.Exporting || request.Attempt != attempt)
        {
            return request;
        }
        if (request.CancelledAt is not null)
        {
            // a cancel cut short between its two steps left images pending: they end here, before the final count
            await store.CancelPendingImagesAsync(requestId, request.CancelledAt.Value, cancellationToken);
        }
        // an Exporting request's images no longer change, so its counts (and the status they decide) are final
        var counts = await store.CountResultsAsync(requestId, cancellationToken);
        return await store.TryMoveAsync(
                new RequestMove(requestId, RequestStatuses.Exporting, FinalStatusOf(request, counts), completedAt)
                {
                    Attempt = attempt, Counts = counts, LeaseUntil = leaseUntil, CompletedAt = completedAt,
                    OutputCsvKey = outputCsvKey, OutputCsvUrl = outputCsvUrl, TakesEventSequence = true,
                }, cancellationToken)
            ?? await store.GetRequestAsync(requestId, cancellationToken);
    }

    /// <summary>
    /// Cancels a Processing request: it moves to Exporting (leased until <paramref name="leaseUntil"/>), then every
    /// image without a result becomes Cancelled, so a result arriving for one later is not recorded; it completes as
    /// Cancelled with an output CSV of what was done. A repeat on a request being cancelled finishes the second step
    /// again. Returns the request afterwards (null when unknown); one in another status is left as it was.
    /// </summary>
    public async Task<RequestRecord?> CancelAsync(Guid requestId, DateTimeOffset at, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var request = await store.TryMoveAsync(
                new RequestMove(requestId, RequestStatuses.Processing, RequestStatuses.Exporting, at) { CancelledAt = at, LeaseUntil = leaseUntil },
                cancellationToken)
            ?? await store.GetRequestAsync(requestId, cancellationToken);
        if (request is { Status: RequestStatuses.Exporting, CancelledAt: { } cancelledAt })
        {
            await store.CancelPendingImagesAsync(requestId, cancelledAt, cancellationToken);
        }
        return request;
    }

    /// <summary>
    /// Re-opens a finished request whose images failed (only those with one of <paramref name="reasonCodes"/>, when
    /// given): the request moves to Processing in a new attempt, then those images become pending again.
    /// <paramref name="retryKey"/> (the client's Idempotency-Key) makes a repeat of the same call change nothing. A crash
    /// between the two steps leaves a Processing request with nothing pending, which the sweep moves on (the retry
    /// then re-ran nothing, and the client can ask again). Returns the request afterwards and the images re-opened.
    /// </summary>
    public async Task<RetryOutcome> RetryFailedAsync(
        Guid requestId, IReadOnlyCollection<string>? reasonCodes, string? retryKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is null || !Retryable.Contains(request.Status) || (retryKey is not null && request.RetryKey == retryKey))
        {
            return new RetryOutcome(request, 0);
        }
        var failed = await store.CountFailedImagesAsync(requestId, reasonCodes, cancellationToken);
        if (failed == 0)
        {
            return new RetryOutcome(request, 0);
        }
        var reopened = await store.TryMoveAsync(
            new RequestMove(requestId, request.Status, RequestStatuses.Processing, at)
            {
                Attempt = request.Attempt, NewAttempt = true, RetryKey = retryKey,
                Counts = new ResultCounts(request.ImagesSucceeded, request.ImagesFailed - failed),
            }, cancellationToken);
        if (reopened is null)
        {
            // a concurrent retry re-opened it first
            return new RetryOutcome(await store.GetRequestAsync(requestId, cancellationToken), 0);
        }
        await store.ReopenFailedImagesAsync(requestId, reasonCodes, cancellationToken);
        return new RetryOutcome(reopened, failed);
    }
}
