namespace ImagePipeline.Notifier.Persistence;

/// <summary>A delivery as stored, with its attempts in order.</summary>
public sealed record DeliveryRecord(
    Guid Id,
    string EventId,
    string EventType,
    Guid RequestId,
    string Url,
    string Payload,
    DeliveryStatus Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeliveryAttempt> Attempts);
