namespace ImagePipeline.Cli.Api;

/// <summary>
/// What <c>GET /api/requests/{id}</c> answers (the fields this client shows; <c>--json</c> prints them all). The last
/// three are there while the request is Processing: images out with the workers, results per minute, seconds left.
/// </summary>
public sealed record RequestStatus(
    Guid RequestId,
    string Status,
    int ProductCount,
    ImageCounts Images,
    double PercentComplete,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? CompletedAt,
    string? OutputCsvUrl,
    string? FailureReason,
    int? ImagesInFlight = null,
    double? RatePerMinute = null,
    int? EstimatedSecondsLeft = null);
