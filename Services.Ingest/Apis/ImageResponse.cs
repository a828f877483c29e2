namespace ImagePipeline.Ingest.Apis;

public sealed record ImageResponse(
    Guid ImageId,
    int Position,
    string InputUrl,
    string Status,
    string? OutputUrl,
    string? FailureCode,
    string? FailureReason,
    long? BytesIn,
    long? BytesOut,
    int? Width,
    int? Height,
    string? Format,
    int? SourceQuality,
    int? OutputQuality,
    string? ProcessedBy,
    DateTimeOffset? CompletedAt);
