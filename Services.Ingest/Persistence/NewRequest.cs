namespace ImagePipeline.Ingest.Persistence;

/// <summary>A request as the upload described it, before any image is processed.</summary>
public sealed record NewRequest(Guid RequestId, string CsvFileKey, string? WebhookUrl, DateTimeOffset SubmittedAt, DateTimeOffset RecordedAt);
