using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.TestSupport.Concurrency;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// The real store with an optional <see cref="Rendezvous"/> in front of each call where two deliveries of one message
/// can race: a test arms one to make both copies pass the same point before either goes on.
/// </summary>
public sealed class GatedIngestStore(IIngestStore inner) : IIngestStore
{
    public Rendezvous? BeforeGetRequest { get; set; }

    public Rendezvous? BeforeRecordImageResult { get; set; }

    public Rendezvous? BeforeComplete { get; set; }

    public Task<bool> CreateRequestAsync(
        NewRequest request, IAsyncEnumerable<NewProduct> products, Func<string?> failureReason, CancellationToken cancellationToken) =>
        inner.CreateRequestAsync(request, products, failureReason, cancellationToken);

    public async Task<RequestRecord?> GetRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await ArriveAsync(BeforeGetRequest, cancellationToken);
        return await inner.GetRequestAsync(requestId, cancellationToken);
    }

    public IAsyncEnumerable<ImageRecord> GetPendingImagesAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.GetPendingImagesAsync(requestId, cancellationToken);

    public IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.GetProductsAsync(requestId, cancellationToken);

    public async Task<int> TryRecordResultAsync(ImageResult result, CancellationToken cancellationToken)
    {
        await ArriveAsync(BeforeRecordImageResult, cancellationToken);
        return await inner.TryRecordResultAsync(result, cancellationToken);
    }

    public Task<RequestRecord?> CountResultAsync(Guid requestId, bool succeeded, int slots, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.CountResultAsync(requestId, succeeded, slots, at, cancellationToken);

    public Task<bool> HasPendingImagesAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.HasPendingImagesAsync(requestId, cancellationToken);

    public Task<ResultCounts> CountResultsAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.CountResultsAsync(requestId, cancellationToken);

    /// <summary>Gated for completions only (moves from Exporting): two copies of OutputCsvReady race at the move.</summary>
    public async Task<RequestRecord?> TryMoveAsync(RequestMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (move.From == RequestStatuses.Exporting)
        {
            await ArriveAsync(BeforeComplete, cancellationToken);
        }
        return await inner.TryMoveAsync(move, cancellationToken);
    }

    public Task CancelPendingImagesAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.CancelPendingImagesAsync(requestId, at, cancellationToken);

    public Task<int> CountFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken) =>
        inner.CountFailedImagesAsync(requestId, reasonCodes, cancellationToken);

    public Task<int> ReopenFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken) =>
        inner.ReopenFailedImagesAsync(requestId, reasonCodes, cancellationToken);

    public IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, int afterRow, CancellationToken cancellationToken) =>
        inner.GetProductsAsync(requestId, afterRow, cancellationToken);

    public IAsyncEnumerable<ProductRecord> FindProductsAsync(Guid requestId, ProductQuery query, CancellationToken cancellationToken) =>
        inner.FindProductsAsync(requestId, query, cancellationToken);

    public Task<RequestActivity> GetActivityAsync(Guid requestId, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.GetActivityAsync(requestId, since, cancellationToken);

    public Task<IReadOnlyList<ImageRecord>> ReleaseImagesAsync(Guid requestId, DispatchWindow window, CancellationToken cancellationToken) =>
        inner.ReleaseImagesAsync(requestId, window, cancellationToken);

    public Task<StalledWork> ClaimStalledAsync(
        DateTimeOffset now, DateTimeOffset imageLeaseUntil, DateTimeOffset requestLeaseUntil, int max, CancellationToken cancellationToken) =>
        inner.ClaimStalledAsync(now, imageLeaseUntil, requestLeaseUntil, max, cancellationToken);

    public Task<IReadOnlyList<Guid>> GetProcessingRequestsAsync(int max, CancellationToken cancellationToken) =>
        inner.GetProcessingRequestsAsync(max, cancellationToken);

    public Task MarkCompletionRecordedAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.MarkCompletionRecordedAsync(requestId, at, cancellationToken);

    public Task<RequestPage> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken) =>
        inner.ListRequestsAsync(query, cancellationToken);

    public Task<RequestRecord?> ClaimProgressAsync(Guid requestId, DateTimeOffset now, DateTimeOffset lastSentBefore, CancellationToken cancellationToken) =>
        inner.ClaimProgressAsync(requestId, now, lastSentBefore, cancellationToken);

    public Task<long?> NextEventSequenceAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.NextEventSequenceAsync(requestId, cancellationToken);

    public Task<ImageRecord?> GetImageAsync(Guid requestId, Guid imageId, CancellationToken cancellationToken) =>
        inner.GetImageAsync(requestId, imageId, cancellationToken);

    public Task<IReadOnlyList<Guid>> GetExpiredRequestsAsync(DateTimeOffset finishedBefore, int max, CancellationToken cancellationToken) =>
        inner.GetExpiredRequestsAsync(finishedBefore, max, cancellationToken);

    public Task<bool> DeleteRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.DeleteRequestAsync(requestId, cancellationToken);

    public Task<bool> ReleaseOutputAsync(Guid requestId, string outputKey, CancellationToken cancellationToken) =>
        inner.ReleaseOutputAsync(requestId, outputKey, cancellationToken);

    public Task<ReuseCounts> CountReusedAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.CountReusedAsync(requestId, cancellationToken);

    private static Task ArriveAsync(Rendezvous? rendezvous, CancellationToken cancellationToken) =>
        rendezvous?.ArriveAsync(cancellationToken) ?? Task.CompletedTask;
}
