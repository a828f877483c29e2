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
    /// Records an image's result only if the image is still pending (of this request), and gives the same result
    /// (marked <see cref="ImageReuse.SameRequest"/>) to the request's pending slots of the same URL that waited on it;
    /// a success's <see cref="ImageResult.Source"/> is remembered for the client. Returns how many slots this call
    /// recorded: 0 when it recorded nothing (a duplicate).
    /// </summary>
    Task<int> TryRecordResultAsync(ImageResult result, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a result of <paramref name="slots"/> slots on its request, only while the request is Processing; returns
    /// the request afterwards (as it stands, if it was not Processing; null when unknown).
    /// </summary>
    Task<RequestRecord?> CountResultAsync(Guid requestId, bool succeeded, int slots, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether any image of the request has no result yet.</summary>
    Task<bool> HasPendingImagesAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The request's succeeded and failed images, counted from the images themselves.</summary>
    Task<ResultCounts> CountResultsAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out <paramref name="move"/> if the request still stands where it starts from; returns the request
    /// afterwards, or null when it did not (moved on, or unknown).
    /// </summary>
    Task<RequestRecord?> TryMoveAsync(RequestMove move, CancellationToken cancellationToken);

    /// <summary>Every image of the request without a result becomes Cancelled, with <see cref="CancelledImage"/>'s reason.</summary>
    Task CancelPendingImagesAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The request's failed images, of <paramref name="reasonCodes"/> only when some are given.</summary>
    Task<int> CountFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the request's failed images (of <paramref name="reasonCodes"/> only, when given) pending again, their
    /// results and leases cleared; returns how many.
    /// </summary>
    Task<int> ReopenFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken);

    /// <summary>Products after row <paramref name="afterRow"/>, with their images, in row order (a page of the products API).</summary>
    IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, int afterRow, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the products API with its filters (<see cref="ProductQuery"/>): products in row order, each with all its
    /// images in input order.
    /// </summary>
    IAsyncEnumerable<ProductRecord> FindProductsAsync(Guid requestId, ProductQuery query, CancellationToken cancellationToken);

    /// <summary>The request's images in flight now and its results recorded at or after <paramref name="since"/>.</summary>
    Task<RequestActivity> GetActivityAsync(Guid requestId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Releases more of a Processing request's images to the workers, in input order, until it has
    /// <see cref="DispatchWindow.Size"/> out (no more from one origin than <see cref="DispatchWindow.Origins"/> allows), each
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

    /// <summary>
    /// Finished requests (Completed, CompletedWithErrors, Failed, Cancelled) that finished before
    /// <paramref name="finishedBefore"/>, oldest first, at most <paramref name="max"/>: what retention purges.
    /// </summary>
    Task<IReadOnlyList<Guid>> GetExpiredRequestsAsync(DateTimeOffset finishedBefore, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a finished request's images, products and the request itself; false when no finished request of that ID
    /// is stored (unknown, already purged, or running again). Repeating it after a crash finishes what was left.
    /// </summary>
    Task<bool> DeleteRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// A purge of <paramref name="requestId"/> asks whether it may delete <paramref name="outputKey"/>: true when no
    /// other request uses it (as its output, or as an output it was offered for reuse), and then the output is no
    /// longer offered for reuse either, in the same step; false when another request still uses it (keep the file).
    /// </summary>
    Task<bool> ReleaseOutputAsync(Guid requestId, string outputKey, CancellationToken cancellationToken);

    /// <summary>The request's slots whose result came from work already done, by <see cref="ImageReuse"/> kind.</summary>
    Task<ReuseCounts> CountReusedAsync(Guid requestId, CancellationToken cancellationToken);
}
