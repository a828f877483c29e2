namespace ImagePipeline.Contracts;

/// <summary>A validated CSV was accepted and stored; Ingest takes it from here.</summary>
public sealed record RequestSubmitted(
    Guid RequestId,
    string CsvFileKey,
    string? WebhookUrl,
    int ProductCount,
    int ImageCount,
    DateTimeOffset SubmittedAt);
