using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

/// <summary>
/// Completes the request once its CSV exists and tells Notifier. A repeat publishes RequestCompleted again, which
/// Notifier recognises by request ID, so a crash between completing and publishing loses nothing.
/// </summary>
public sealed class OutputCsvReadyConsumer(IIngestStore store, TimeProvider time, ILogger<OutputCsvReadyConsumer> logger) : IConsumer<OutputCsvReady>
{
    public async Task Consume(ConsumeContext<OutputCsvReady> context)
    {
        var m = context.Message;
        var request = await store.CompleteAsync(m.RequestId, m.FileKey, m.OutputCsvUrl, time.GetUtcNow(), context.CancellationToken);
        if (request is null || !RequestStatuses.IsFinal(request.Status))
        {
            logger.LogWarning("Output CSV for request {RequestId} arrived while it is {Status}; ignored", m.RequestId, request?.Status ?? "unknown");
            return;
        }
        logger.LogInformation("Request {RequestId} {Status}: {Succeeded}/{Total} images", request.RequestId, request.Status, request.ImagesSucceeded, request.ImagesTotal);
        await context.Publish(RequestCompletedFactory.From(request), context.CancellationToken);
    }
}
