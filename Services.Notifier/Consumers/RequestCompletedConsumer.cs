using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.ServiceDefaults.Webhooks;
using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>
/// Records the webhook delivery of a finished request, once per event, and wakes the dispatcher to send it. Every copy,
/// the ones that find the delivery recorded or have nothing to deliver included, tells Ingest the completion is
/// recorded, so Ingest stops announcing the request; the acknowledgement leaves only after the delivery is stored.
/// </summary>
public sealed class RequestCompletedConsumer(
    INotifierStore store,
    DeliveryWakeUp dispatcher,
    TimeProvider time,
    ILogger<RequestCompletedConsumer> logger) : IConsumer<RequestCompleted>
{
    public async Task Consume(ConsumeContext<RequestCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;

        if (string.IsNullOrWhiteSpace(message.WebhookUrl))
        {
            logger.LogInformation("Request {RequestId} finished as {Status} without a webhook; nothing to deliver", message.RequestId, message.Status);
            await AcknowledgeAsync(context);
            return;
        }
        if (!Uri.TryCreate(message.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            // retrying cannot fix the URL, so no delivery is recorded for it
            logger.LogWarning("Request {RequestId} names a webhook that is not an http(s) URL; nothing to deliver", message.RequestId);
            await AcknowledgeAsync(context);
            return;
        }

        if (message.ClientId is { } clientId && !WebhookSigningKeys.IsFingerprint(clientId))
        {
            // no client is ever given the key such an ID would derive, so the webhook could never be verified
            logger.LogError("Request {RequestId} names a client ID that is not an API key fingerprint; nothing to deliver", message.RequestId);
            await AcknowledgeAsync(context);
            return;
        }

        var delivery = RequestCompletedWebhook.CreateDelivery(message, time.GetUtcNow(), Activity.Current?.Id);
        if (!await store.TryAddDeliveryAsync(delivery, context.CancellationToken))
        {
            logger.LogInformation(
                "The {EventType} webhook of request {RequestId} is already recorded; this copy of the message changes nothing",
                delivery.EventType, message.RequestId);
            await AcknowledgeAsync(context);
            return;
        }
        await AcknowledgeAsync(context);

        // the dispatcher sends it, under the same bounds as every retry: a consumer waiting on a receiver that never
        // answers would hold up the messages of every other client behind it. The delivery keeps this activity's
        // traceparent, so the attempt still joins the upload's trace.
        dispatcher.Wake();
    }

    private static Task AcknowledgeAsync(ConsumeContext<RequestCompleted> context) =>
        context.Publish(new RequestCompletionRecorded(context.Message.RequestId, context.Message.Status), context.CancellationToken);
}
