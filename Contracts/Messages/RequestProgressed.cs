namespace ImagePipeline.Contracts;

/// <summary>
/// A request's counts moved since its last progress event; Notifier tells the webhook (<c>request.progress</c>). Ingest
/// sends at most one per request per progress interval. <paramref name="Sequence"/> grows with every event of the
/// request, so a receiver can ignore one that arrives after a later one.
/// </summary>
public sealed record RequestProgressed(
    Guid RequestId,
    long Sequence,
    int Attempt,
    string Status,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string WebhookUrl,
    string? ClientId,
    DateTimeOffset At);
