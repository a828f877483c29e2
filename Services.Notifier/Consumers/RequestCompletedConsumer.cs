using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Webhooks;
using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>
/// Records the webhook delivery of a finished request, once per event. Every copy, the ones that find the delivery
/// recorded or have nothing to deliver included, tells Ingest the completion is recorded, so Ingest stops announcing
/// the request; the acknowledgement leaves only after the delivery is stored. The delivery keeps this activity's
/// traceparent, so its attempts join the upload's trace.
/// </summary>
public sealed class RequestCompletedConsumer(WebhookEventRecorder recorder, TimeProvider time) : IConsumer<RequestCompleted>
{
    public async Task Consume(ConsumeContext<RequestCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        await recorder.RecordAsync(message.RequestId, message.WebhookUrl, message.ClientId,
            () => RequestCompletedWebhook.CreateDelivery(message, time.GetUtcNow(), Activity.Current?.Id), context.CancellationToken);
        await context.Publish(new RequestCompletionRecorded(message.RequestId, message.Status), context.CancellationToken);
    }
}
