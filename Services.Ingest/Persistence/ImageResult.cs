namespace ImagePipeline.Ingest.Persistence;

/// <summary>The outcome of one image, success or failure, as a worker reported it.</summary>
public sealed record ImageResult(
    Guid RequestId,
    Guid ImageId,
    bool Succeeded,
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
    string WorkerId,
    DateTimeOffset CompletedAt);
