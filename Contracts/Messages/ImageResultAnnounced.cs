namespace ImagePipeline.Contracts;

/// <summary>
/// One image of a request that asked for per-image events got its result; Notifier tells the webhook
/// (<c>image.processed</c> or <c>image.failed</c>). The counts are the request's once this result was counted.
/// </summary>
public sealed record ImageResultAnnounced(
    Guid RequestId,
    Guid ImageId,
    long Sequence,
    int Attempt,
    int RowNumber,
    int Position,
    string SourceUrl,
    bool Succeeded,
    string? OutputUrl,
    long? BytesIn,
    long? BytesOut,
    string? ReasonCode,
    string? Reason,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string WebhookUrl,
    string? ClientId,
    DateTimeOffset At);
