using System.Globalization;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Turns a <see cref="RequestProgressed"/> event into the delivery of a <c>request.progress</c> webhook.</summary>
public static class RequestProgressWebhook
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One event per sequence number: a redelivered message names the same event.</summary>
    public static string EventIdOf(RequestProgressed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Create(CultureInfo.InvariantCulture, $"{WebhookEvents.RequestProgress}:{message.RequestId:D}:{message.Sequence}");
    }

    public static string PayloadOf(RequestProgressed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = new WebhookPayload<RequestProgressData>(
            WebhookEvents.RequestProgress,
            message.At.ToUniversalTime(),
            RequestProgressData.From(message));
        return JsonSerializer.Serialize(payload, Json);
    }

    public static NewDelivery CreateDelivery(RequestProgressed message, DateTimeOffset now, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WebhookDelivery.Create(
            eventId: EventIdOf(message), eventType: WebhookEvents.RequestProgress, payload: PayloadOf(message),
            requestId: message.RequestId, url: message.WebhookUrl, clientId: message.ClientId, now, traceParent);
    }
}
