namespace ImagePipeline.Ingest.Persistence;

/// <summary>One image and its result, if it has one.</summary>
public sealed record ImageRecord(
    Guid ImageId,
    Guid RequestId,
    int RowNumber,
    int Position,
    string SourceUrl,
    string Status,
    string? OutputKey,
    string? OutputUrl,
    long? BytesIn,
    long? BytesOut,
    int? Width,
    int? Height,
    string? Format,
    int? SourceQuality,
    int? OutputQuality,
    string? ReasonCode,
    string? Reason,
    string? WorkerId,
    DateTimeOffset? CompletedAt);
