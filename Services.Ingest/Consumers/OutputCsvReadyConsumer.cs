using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

/// <summary>
/// Completes the request once its CSV exists and tells Notifier. A repeat publishes RequestCompleted again, which
/// Notifier recognises by request ID, so a crash between completing and publishing loses nothing; until Notifier
/// acknowledges it (<see cref="RequestCompletionRecordedConsumer"/>) the reconciler announces it again after its lease.
/// </summary>
public sealed class OutputCsvReadyConsumer(RequestLifecycle lifecycle, DispatchPolicy policy, TimeProvider time, ILogger<OutputCsvReadyConsumer> logger) : IConsumer<OutputCsvReady>
{
    public async Task Consume(ConsumeContext<OutputCsvReady> context)
    {
        var m = context.Message;
        var now = time.GetUtcNow();
        var request = await lifecycle.CompleteAsync(m.RequestId, m.Attempt, m.FileKey, m.OutputCsvUrl, now, policy.RequestLeaseFrom(now), context.CancellationToken);
        if (request is null || !RequestStatuses.IsFinal(request.Status))
        {
            logger.LogWarning("Output CSV for request {RequestId} arrived while it is {Status}; ignored", m.RequestId, request?.Status ?? "unknown");
            return;
        }
        logger.LogInformation("Request {RequestId} {Status}: {Succeeded}/{Total} images", request.RequestId, request.Status, request.ImagesSucceeded, request.ImagesTotal);
        await context.Publish(RequestCompletedFactory.From(request), context.CancellationToken);
    }
}
