namespace ImagePipeline.Contracts;

/// <summary>
/// A request reached a final status; Notifier tells the client's webhook, signed with the secret of
/// <paramref name="ClientId"/> (the uploading API key's fingerprint; null when API keys are off). A retry of the failed
/// images ends in a new <paramref name="Attempt"/>, announced as an event of its own. <paramref name="Sequence"/> is the
/// request's event sequence at completion (see <see cref="RequestProgressed"/>).
/// </summary>
public sealed record RequestCompleted(
    Guid RequestId,
    string Status,
    string? WebhookUrl,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string? OutputCsvUrl,
    DateTimeOffset CompletedAt,
    string? ClientId = null,
    int Attempt = 1,
    long Sequence = 0);
