using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Counts an image result once and asks Export for the CSV when the request is waiting on it. Asking again on a
/// duplicate result is deliberate: if the first ask was lost with a crash, the redelivery repeats it, and Export
/// treats repeats as one.
/// </summary>
public sealed class ImageResultRecorder(IIngestStore store, ILogger<ImageResultRecorder> logger)
{
    public async Task RecordAsync(ConsumeContext context, ImageResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);

        var outcome = await store.RecordImageResultAsync(result, context.CancellationToken);
        if (outcome.Request is null)
        {
            logger.LogWarning("Result for image {ImageId} of unknown request {RequestId} ignored", result.ImageId, result.RequestId);
            return;
        }
        if (!outcome.Counted)
        {
            logger.LogDebug("Duplicate result for image {ImageId} ignored", result.ImageId);
        }
        if (outcome.Request.Status == RequestStatuses.Exporting)
        {
            await context.Publish(new ExportRequested(result.RequestId), context.CancellationToken);
        }
    }
}
