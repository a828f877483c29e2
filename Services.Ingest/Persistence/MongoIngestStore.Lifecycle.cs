using ImagePipeline.Contracts;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Cancelling a request and re-opening its failed images without transactions: the request moves first, by a
/// conditional update, then its images. A cancel cut short between the two is finished by the client's repeat (the
/// images update runs again for a request being cancelled); a retry cut short leaves the request Processing with no
/// image pending, which the next result or sweep moves on with its counters recounted.
/// </summary>
public sealed partial class MongoIngestStore
{
    public async Task<RequestRecord?> CancelAsync(Guid requestId, DateTimeOffset at, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync();
        var request = await _requests.FindOneAndUpdateAsync(
                MongoIngestQueries.ProcessingRequest(requestId), MongoLifecycleQueries.Cancel(at, leaseUntil), ReturnAfter, cancellationToken)
            ?? await FindRequestAsync(requestId, cancellationToken);
        if (request is { Status: RequestStatuses.Exporting, CancelledAt: not null })
        {
            await _images.UpdateManyAsync(
                MongoIngestQueries.ImagesWithStatus(requestId, ImageStatuses.Pending), MongoLifecycleQueries.CancelImage(at), cancellationToken: cancellationToken);
        }
        return request?.ToRecord();
    }

    public async Task<RetryOutcome> RetryFailedAsync(
        Guid requestId, IReadOnlyCollection<string>? reasonCodes, string? retryKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync();
        var request = await FindRequestAsync(requestId, cancellationToken);
        if (request is null || request.Status is not (RequestStatuses.Completed or RequestStatuses.CompletedWithErrors)
            || (retryKey is not null && request.RetryKey == retryKey))
        {
            return new RetryOutcome(request?.ToRecord(), 0);
        }
        var failed = MongoLifecycleQueries.FailedImages(requestId, reasonCodes);
        var count = await _images.CountDocumentsAsync(failed, cancellationToken: cancellationToken);
        if (count == 0)
        {
            return new RetryOutcome(request.ToRecord(), 0);
        }
        var reopened = await _requests.FindOneAndUpdateAsync(
            MongoLifecycleQueries.FinishedAttempt(requestId, request.Attempt), MongoLifecycleQueries.Reopen(checked((int)count), retryKey, at),
            ReturnAfter, cancellationToken);
        if (reopened is null)
        {
            // a concurrent retry re-opened it first
            return new RetryOutcome((await FindRequestAsync(requestId, cancellationToken))?.ToRecord(), 0);
        }
        await _images.UpdateManyAsync(failed, MongoLifecycleQueries.ReopenImage(), cancellationToken: cancellationToken);
        return new RetryOutcome(reopened.ToRecord(), checked((int)count));
    }
}
