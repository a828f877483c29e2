using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Ingest's state: requests, their products and images. Every write that a redelivered message could repeat is
/// conditional, so it takes effect once.
/// </summary>
public interface IIngestStore
{
    /// <summary>
    /// Records a request with all its products and images in one step; false when it was already recorded.
    /// <paramref name="failureReason"/> is asked once every product was read: a reason records the request as Failed
    /// at <see cref="NewRequest.RecordedAt"/>, in that same step, so no copy of the submission can see it half-failed.
    /// </summary>
    Task<bool> CreateRequestAsync(NewRequest request, IAsyncEnumerable<NewProduct> products, Func<string?> failureReason, CancellationToken cancellationToken);

    Task<RequestRecord?> GetRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Images of a request that have no result yet, in row and position order.</summary>
    IAsyncEnumerable<ImageRecord> GetPendingImagesAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Products with their images, in row order, images in input order.</summary>
    IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Records an image's result only if the image is still pending, counts it on its request, and moves the request
    /// to Exporting when it was the last one, leased until <paramref name="leaseUntil"/> for Export to answer. Returns
    /// the request as it stands afterwards.
    /// </summary>
    Task<ImageResultOutcome> RecordImageResultAsync(ImageResult result, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Completes an Exporting request once, leased until <paramref name="leaseUntil"/> for Notifier to acknowledge
    /// the completion; returns the request as it stands afterwards.
    /// Only the export of the request's current <paramref name="attempt"/> completes it: a late answer for an earlier
    /// attempt changes nothing. A cancelled request completes as Cancelled.
    /// </summary>
    Task<RequestRecord?> CompleteAsync(
        Guid requestId, int attempt, string outputCsvKey, string outputCsvUrl, DateTimeOffset completedAt, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a Processing request: every image without a result becomes Cancelled (a result arriving for one later is
    /// not counted) and the request moves to Exporting, leased until <paramref name="leaseUntil"/>, so its output CSV holds
    /// what was done; it completes as Cancelled. Repeating it on a request being cancelled changes nothing. Returns the
    /// request as it stands afterwards (null when unknown): one in another status is left as it was.
    /// </summary>
    Task<RequestRecord?> CancelAsync(Guid requestId, DateTimeOffset at, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Re-opens a finished request whose images failed (only those with one of <paramref name="reasonCodes"/>, when
    /// given): they become pending again, the request Processing in a new attempt. <paramref name="retryKey"/> (the
    /// client's Idempotency-Key) makes a repeat of the same call change nothing. Returns the request as it stands
    /// afterwards and how many images were re-opened by this call.
    /// </summary>
    Task<RetryOutcome> RetryFailedAsync(
        Guid requestId, IReadOnlyCollection<string>? reasonCodes, string? retryKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Products after row <paramref name="afterRow"/>, with their images, in row order (a page of the products API).</summary>
    IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, int afterRow, CancellationToken cancellationToken);

    /// <summary>
    /// Releases more of a Processing request's images to the workers, in input order, until it has
    /// <see cref="DispatchWindow.Size"/> out (at most <see cref="DispatchWindow.PerHost"/> per origin host), each
    /// leased until <see cref="DispatchWindow.LeaseUntil"/>. Returns the images released by this call; an image is
    /// released by one caller only.
    /// </summary>
    Task<IReadOnlyList<ImageRecord>> ReleaseImagesAsync(Guid requestId, DispatchWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> released images and Exporting or finished requests whose lease ran out
    /// before <paramref name="now"/>, renewing each lease to <paramref name="leaseUntil"/> and counting a re-drive on
    /// its request, so that of many replicas sweeping at once exactly one re-drives each item.
    /// </summary>
    Task<StalledWork> ClaimStalledAsync(DateTimeOffset now, DateTimeOffset imageLeaseUntil, DateTimeOffset requestLeaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Processing requests, oldest first, so a sweep can top up any whose release was lost.</summary>
    Task<IReadOnlyList<Guid>> GetProcessingRequestsAsync(int max, CancellationToken cancellationToken);

    /// <summary>Notifier recorded the request's completion: its lease ends and it is never announced again.</summary>
    Task MarkCompletionRecordedAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A page of requests, newest first.</summary>
    Task<RequestPage> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a progress event of a Processing request that asked for them (<c>request.progress</c>): only when its
    /// last one was claimed before <paramref name="lastSentBefore"/> (or never) and its count of images done moved
    /// since. The claim records <paramref name="now"/> and the count, and takes the next event sequence, in one
    /// conditional write, so of many callers one announces it. Returns the request as claimed, or null.
    /// </summary>
    Task<RequestRecord?> ClaimProgressAsync(Guid requestId, DateTimeOffset now, DateTimeOffset lastSentBefore, CancellationToken cancellationToken);

    /// <summary>Takes the request's next event sequence number; null when the request is unknown.</summary>
    Task<long?> NextEventSequenceAsync(Guid requestId, CancellationToken cancellationToken);

    Task<ImageRecord?> GetImageAsync(Guid requestId, Guid imageId, CancellationToken cancellationToken);
}
