using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Events;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Counts an image result once, learns its origin's pace from the download, announces the events the client chose, refills the request's window, and asks Export for the CSV when the request is waiting
/// on it. Both are done on a duplicate result too: if the first attempt's release or ask was lost with a crash, the
/// redelivery repeats it; a full window releases nothing and Export treats repeats as one.
/// </summary>
public sealed class ImageResultRecorder(
    RequestLifecycle lifecycle, ImageDispatcher dispatcher, DispatchPolicy policy, OriginPacer origins, RequestEventAnnouncer events,
    ILogger<ImageResultRecorder> logger)
{
    /// <summary>Records <paramref name="result"/>; <paramref name="download"/> paces its origin before the window is refilled.</summary>
    public async Task RecordAsync(ConsumeContext context, ImageResult result, DownloadReport? download)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);

        origins.Observe(download);
        var outcome = await lifecycle.RecordResultAsync(result, policy.RequestLeaseFrom(result.CompletedAt), context.CancellationToken);
        if (outcome.Request is null)
        {
            logger.LogWarning("Result for image {ImageId} of unknown request {RequestId} ignored", result.ImageId, result.RequestId);
            return;
        }
        if (!outcome.Counted)
        {
            logger.LogDebug("Duplicate result for image {ImageId} ignored", result.ImageId);
        }
        await events.AfterResultAsync(context, result.ImageId, outcome.Request, context.CancellationToken);
        if (outcome.Request.Status == RequestStatuses.Processing)
        {
            await dispatcher.ReleaseAsync(context, result.RequestId, context.CancellationToken);
        }
        else if (outcome.Request.Status == RequestStatuses.Exporting)
        {
            await context.Publish(new ExportRequested(result.RequestId, outcome.Request.Attempt), context.CancellationToken);
        }
    }
}
