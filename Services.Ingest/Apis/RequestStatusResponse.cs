namespace ImagePipeline.Ingest.Apis;

/// <summary>The answer of <c>GET /api/requests/{id}</c>.</summary>
public sealed record RequestStatusResponse(
    Guid RequestId,
    string Status,
    int ProductCount,
    ImageCounts Images,
    double PercentComplete,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? OutputCsvUrl,
    string ProductsUrl,
    string? FailureReason);
