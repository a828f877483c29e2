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

    public async Task<ImageResultOutcome> RecordImageResultAsync(ImageResult result, CancellationToken cancellationToken)
    {
        await ArriveAsync(BeforeRecordImageResult, cancellationToken);
        return await inner.RecordImageResultAsync(result, cancellationToken);
    }

    public async Task<RequestRecord?> CompleteAsync(Guid requestId, string outputCsvKey, string outputCsvUrl, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await ArriveAsync(BeforeComplete, cancellationToken);
        return await inner.CompleteAsync(requestId, outputCsvKey, outputCsvUrl, completedAt, cancellationToken);
    }

    private static Task ArriveAsync(Rendezvous? rendezvous, CancellationToken cancellationToken) =>
        rendezvous?.ArriveAsync(cancellationToken) ?? Task.CompletedTask;
}
