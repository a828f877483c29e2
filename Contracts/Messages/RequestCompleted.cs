namespace ImagePipeline.Contracts;

/// <summary>
/// A request reached a final status; Notifier tells the client's webhook, signed with the secret of
/// <paramref name="ClientId"/> (the uploading API key's fingerprint; null when API keys are off).
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
    string? ClientId = null);
