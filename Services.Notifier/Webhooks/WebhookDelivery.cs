using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>The delivery of one webhook event to a request's URL, made the same way for every kind of event.</summary>
internal static class WebhookDelivery
{
    public static NewDelivery Create(
        string eventId, string eventType, string payload, Guid requestId, string url, string? clientId, DateTimeOffset now, string? traceParent) => new()
    {
        Id = Guid.CreateVersion7(now),
        EventId = eventId,
        EventType = eventType,
        RequestId = requestId,
        Url = url,
        Payload = payload,
        TraceParent = traceParent,
        CreatedAt = now,
        ClientId = clientId,
    };
}
