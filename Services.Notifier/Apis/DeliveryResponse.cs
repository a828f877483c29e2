using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Apis;

/// <summary>A webhook delivery with every attempt made so far.</summary>
public sealed record DeliveryResponse(
    Guid Id,
    string WebhookId,
    string EventId,
    string EventType,
    Guid RequestId,
    string Url,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeliveryAttemptResponse> Attempts)
{
    public static DeliveryResponse From(DeliveryRecord delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new DeliveryResponse(
            delivery.Id,
            WebhookHeaders.MessageId(delivery.Id),
            delivery.EventId,
            delivery.EventType,
            delivery.RequestId,
            delivery.Url,
            delivery.Status.ToString(),
            delivery.AttemptCount,
            delivery.Status == DeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            delivery.CreatedAt,
            delivery.UpdatedAt,
            [.. delivery.Attempts.Select(a => new DeliveryAttemptResponse(a.Number, a.AttemptedAt, a.StatusCode, a.Error, a.LatencyMs))]);
    }
}
