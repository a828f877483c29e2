using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// Records the delivery of one webhook event, once per event ID, and wakes the dispatcher to send it: the dispatcher
/// sends it under the same bounds as every retry, since a consumer waiting on a receiver that never answers would hold
/// up the messages of every other client behind it. An event whose target can never be delivered to is not recorded.
/// </summary>
public sealed class WebhookEventRecorder(INotifierStore store, DeliveryWakeUp dispatcher, ILogger<WebhookEventRecorder> logger)
{
    /// <summary>
    /// Records the delivery <paramref name="create"/> makes for <paramref name="webhookUrl"/>; false when there is
    /// nothing to deliver or the event is already recorded.
    /// </summary>
    public async Task<bool> RecordAsync(Guid requestId, string? webhookUrl, string? clientId, Func<NewDelivery> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (string.IsNullOrWhiteSpace(webhookUrl))
        {
            logger.LogInformation("Request {RequestId} has no webhook; nothing to deliver", requestId);
            return false;
        }
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            // retrying cannot fix the URL, so no delivery is recorded for it
            logger.LogWarning("Request {RequestId} names a webhook that is not an http(s) URL; nothing to deliver", requestId);
            return false;
        }
        if (clientId is not null && !WebhookSigningKeys.IsFingerprint(clientId))
        {
            // no client is ever given the key such an ID would derive, so the webhook could never be verified
            logger.LogError("Request {RequestId} names a client ID that is not an API key fingerprint; nothing to deliver", requestId);
            return false;
        }

        var delivery = create();
        if (!await store.TryAddDeliveryAsync(delivery, cancellationToken))
        {
            logger.LogInformation(
                "The {EventType} webhook {EventId} of request {RequestId} is already recorded; this copy of the message changes nothing",
                delivery.EventType, delivery.EventId, requestId);
            return false;
        }
        dispatcher.Wake();
        return true;
    }
}
