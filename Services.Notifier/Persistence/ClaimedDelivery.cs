namespace ImagePipeline.Notifier.Persistence;

/// <summary>A delivery whose attempt number <paramref name="AttemptNumber"/> now belongs to the caller alone.</summary>
public sealed record ClaimedDelivery(
    Guid Id,
    string EventType,
    string Url,
    string Payload,
    int AttemptNumber,
    string? TraceParent);
