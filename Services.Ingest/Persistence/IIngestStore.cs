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
    /// to Exporting when it was the last one. Returns the request as it stands afterwards.
    /// </summary>
    Task<ImageResultOutcome> RecordImageResultAsync(ImageResult result, CancellationToken cancellationToken);

    /// <summary>Completes an Exporting request once; returns the request as it stands afterwards.</summary>
    Task<RequestRecord?> CompleteAsync(Guid requestId, string outputCsvKey, string outputCsvUrl, DateTimeOffset completedAt, CancellationToken cancellationToken);
}
