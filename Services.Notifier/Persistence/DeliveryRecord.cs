namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// A delivery as stored, with its attempts in order. <see cref="Series"/> is the current series of attempts: 1,
/// and one more for each redelivery.
/// </summary>
public sealed record DeliveryRecord
{
    public required Guid Id { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required Guid RequestId { get; init; }

    public required string Url { get; init; }

    public required string Payload { get; init; }

    public required DeliveryStatus Status { get; init; }

    public required int AttemptCount { get; init; }

    public required int Series { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? TraceParent { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<DeliveryAttempt> Attempts { get; init; }
}
