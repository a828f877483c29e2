using System.Globalization;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Turns an <see cref="ImageResultAnnounced"/> event into the delivery of an <c>image.processed</c> or <c>image.failed</c> webhook.</summary>
public static class ImageResultWebhook
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventTypeOf(ImageResultAnnounced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Succeeded ? WebhookEvents.ImageProcessed : WebhookEvents.ImageFailed;
    }

    /// <summary>
    /// One event per image and attempt, whatever its sequence: Ingest announces a result again when its message is
    /// redelivered (the first announcement may have been lost), with a new sequence, and this keeps one delivery.
    /// </summary>
    public static string EventIdOf(ImageResultAnnounced message) =>
        message.Attempt <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{EventTypeOf(message)}:{message.ImageId:D}")
            : string.Create(CultureInfo.InvariantCulture, $"{EventTypeOf(message)}:{message.ImageId:D}:{message.Attempt}");

    public static string PayloadOf(ImageResultAnnounced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = new WebhookPayload<ImageResultData>(
            EventTypeOf(message),
            message.At.ToUniversalTime(),
            ImageResultData.From(message));
        return JsonSerializer.Serialize(payload, Json);
    }

    public static NewDelivery CreateDelivery(ImageResultAnnounced message, DateTimeOffset now, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WebhookDelivery.Create(
            eventId: EventIdOf(message), eventType: EventTypeOf(message), payload: PayloadOf(message),
            requestId: message.RequestId, url: message.WebhookUrl, clientId: message.ClientId, now, traceParent);
    }
}
