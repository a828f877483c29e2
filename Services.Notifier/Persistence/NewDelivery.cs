namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// A delivery to record: <paramref name="EventId"/> is unique, so recording the same event twice keeps the first.
/// <paramref name="TraceParent"/> is the W3C traceparent of the activity that created it, for retries to join its trace.
/// <paramref name="ClientId"/> is the uploading API key's fingerprint, whose derived secret signs every attempt; null
/// when API keys are off (the master secret signs).
/// </summary>
public sealed record NewDelivery(
    Guid Id,
    string EventId,
    string EventType,
    Guid RequestId,
    string Url,
    string Payload,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    string? ClientId);
