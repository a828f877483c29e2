namespace ImagePipeline.Contracts;

/// <summary>A request reached a final status; Notifier tells the client's webhook.</summary>
public sealed record RequestCompleted(
    Guid RequestId,
    string Status,
    string? WebhookUrl,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string? OutputCsvUrl,
    DateTimeOffset CompletedAt);
