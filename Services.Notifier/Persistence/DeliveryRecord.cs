namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// A delivery as stored, with its attempts in order. <paramref name="Series"/> is the current series of attempts: 1,
/// and one more for each redelivery.
/// </summary>
public sealed record DeliveryRecord(
    Guid Id,
    string EventId,
    string EventType,
    Guid RequestId,
    string Url,
    string Payload,
    DeliveryStatus Status,
    int AttemptCount,
    int Series,
    DateTimeOffset? NextAttemptAt,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeliveryAttempt> Attempts);
