namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// A delivery whose attempt number <paramref name="AttemptNumber"/> now belongs to the caller alone. It is attempt
/// <paramref name="AttemptInSeries"/> of series <paramref name="Series"/>: the retry schedule counts within a series,
/// so a redelivered delivery starts the schedule over. <paramref name="ClientId"/> picks the signing key.
/// </summary>
public sealed record ClaimedDelivery(
    Guid Id,
    string EventType,
    string Url,
    string Payload,
    int AttemptNumber,
    int Series,
    int AttemptInSeries,
    string? TraceParent,
    string? ClientId);
