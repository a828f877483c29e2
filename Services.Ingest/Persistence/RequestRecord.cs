namespace ImagePipeline.Ingest.Persistence;

/// <summary>A request and its counters as stored.</summary>
public sealed record RequestRecord(
    Guid RequestId,
    string Status,
    string CsvFileKey,
    string? WebhookUrl,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    DateTimeOffset SubmittedAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? OutputCsvKey,
    string? OutputCsvUrl,
    string? FailureReason)
{
    public int ImagesDone => ImagesSucceeded + ImagesFailed;
}
