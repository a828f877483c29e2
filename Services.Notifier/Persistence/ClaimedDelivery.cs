namespace ImagePipeline.Notifier.Persistence;

/// <summary>A delivery whose attempt <see cref="AttemptNumber"/> now belongs to the caller alone.</summary>
public sealed record ClaimedDelivery
{
    public required Guid Id { get; init; }

    public required string EventType { get; init; }

    public required string Url { get; init; }

    public required string Payload { get; init; }

    public required int AttemptNumber { get; init; }

    /// <summary>The retry schedule counts within a series, so a redelivered delivery starts the schedule over.</summary>
    public required int Series { get; init; }

    /// <summary>Which attempt of its <see cref="Series"/> this is.</summary>
    public required int AttemptInSeries { get; init; }

    public string? TraceParent { get; init; }

    /// <summary>Picks the signing key.</summary>
    public string? ClientId { get; init; }
}
