namespace ImagePipeline.Notifier.Persistence;

/// <summary>A delivery to record.</summary>
public sealed record NewDelivery
{
    public required Guid Id { get; init; }

    /// <summary>Unique: recording the same event twice keeps the first.</summary>
    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required Guid RequestId { get; init; }

    public required string Url { get; init; }

    public required string Payload { get; init; }

    /// <summary>The W3C traceparent of the activity that created it, for retries to join its trace.</summary>
    public string? TraceParent { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The uploading API key's fingerprint, whose derived secret signs every attempt; null when API keys are off (the
    /// master secret signs).
    /// </summary>
    public string? ClientId { get; init; }
}
