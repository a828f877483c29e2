using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Apis;

/// <summary>
/// A webhook delivery with every attempt made so far. <c>Status</c> is <c>Pending</c>, <c>Delivered</c>, <c>Failed</c>
/// (the schedule ran out) or <c>Disabled</c> (the receiver answered 410 Gone); <c>Series</c> counts redeliveries from 1.
/// </summary>
public sealed record DeliveryResponse
{
    public required Guid Id { get; init; }

    public required string WebhookId { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required Guid RequestId { get; init; }

    public required string Url { get; init; }

    public required string Status { get; init; }

    public required int AttemptCount { get; init; }

    public required int Series { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<DeliveryAttemptResponse> Attempts { get; init; }

    public static DeliveryResponse From(DeliveryRecord delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new DeliveryResponse
        {
            Id = delivery.Id,
            WebhookId = WebhookHeaders.MessageId(delivery.Id),
            EventId = delivery.EventId,
            EventType = delivery.EventType,
            RequestId = delivery.RequestId,
            Url = delivery.Url,
            Status = delivery.Status.ToString(),
            AttemptCount = delivery.AttemptCount,
            Series = delivery.Series,
            NextAttemptAt = delivery.Status == DeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            CreatedAt = delivery.CreatedAt,
            UpdatedAt = delivery.UpdatedAt,
            Attempts = [.. delivery.Attempts.Select(a => new DeliveryAttemptResponse(a.Number, a.Series, a.AttemptedAt, a.StatusCode, a.Error, a.LatencyMs))],
        };
    }
}
