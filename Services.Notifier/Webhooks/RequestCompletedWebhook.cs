using System.Globalization;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Turns a <see cref="RequestCompleted"/> event into the delivery that tells the client's webhook.</summary>
public static class RequestCompletedWebhook
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventTypeOf(RequestCompleted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Status switch
        {
            RequestStatuses.Failed => WebhookEvents.RequestFailed,
            RequestStatuses.Cancelled => WebhookEvents.RequestCancelled,
            _ => WebhookEvents.RequestCompleted,
        };
    }

    /// <summary>
    /// The delivery's identity comes from the event, not the message: a redelivered or republished RequestCompleted
    /// names the same event, so the store keeps one delivery for it. A retry of the failed images ends in a new attempt,
    /// whose completion is an event of its own (the first attempt's ID is unchanged from before retries existed).
    /// </summary>
    public static string EventIdOf(RequestCompleted message) =>
        message.Attempt <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{EventTypeOf(message)}:{message.RequestId:D}")
            : string.Create(CultureInfo.InvariantCulture, $"{EventTypeOf(message)}:{message.RequestId:D}:{message.Attempt}");

    public static string PayloadOf(RequestCompleted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completedAt = message.CompletedAt.ToUniversalTime();
        var payload = new WebhookPayload<RequestCompletedData>(
            EventTypeOf(message),
            completedAt,
            RequestCompletedData.From(message));
        return JsonSerializer.Serialize(payload, Json);
    }

    public static NewDelivery CreateDelivery(RequestCompleted message, DateTimeOffset now, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.WebhookUrl);
        return WebhookDelivery.Create(
            eventId: EventIdOf(message), eventType: EventTypeOf(message), payload: PayloadOf(message),
            requestId: message.RequestId, url: message.WebhookUrl, clientId: message.ClientId, now, traceParent);
    }
}
