using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Apis;

/// <summary>
/// A webhook delivery with every attempt made so far. <c>Status</c> is <c>Pending</c>, <c>Delivered</c>, <c>Failed</c>
/// (the schedule ran out) or <c>Disabled</c> (the receiver answered 410 Gone); <c>Series</c> counts redeliveries from 1.
/// </summary>
public sealed record DeliveryResponse(
    Guid Id,
    string WebhookId,
    string EventId,
    string EventType,
    Guid RequestId,
    string Url,
    string Status,
    int AttemptCount,
    int Series,
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
            delivery.Series,
            delivery.Status == DeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            delivery.CreatedAt,
            delivery.UpdatedAt,
            [.. delivery.Attempts.Select(a => new DeliveryAttemptResponse(a.Number, a.Series, a.AttemptedAt, a.StatusCode, a.Error, a.LatencyMs))]);
    }
}
