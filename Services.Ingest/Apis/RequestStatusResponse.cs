using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// The answer of <c>GET /api/requests/{id}</c>. <see cref="LastProgressAt"/> is the time of the last result;
/// <see cref="Redrives"/> counts what the reconciler sent again for this request after a lease ran out (a lost
/// message, an export or a notification that did not come back): above zero, the request is being healed.
/// <see cref="Attempt"/> is 1, and one more for every retry of the failed images; <see cref="WebhookEvents"/> the
/// opt-in webhook events the upload chose (the completion events are sent anyway).
/// While a request is Processing, <see cref="ImagesInFlight"/> counts its images out with the workers (released, no
/// result yet), <see cref="RatePerMinute"/> its results per minute over the last Ingest:RateWindow and
/// <see cref="EstimatedSecondsLeft"/> its pending images at that rate; they are null otherwise (and in the list).
/// <see cref="Reused"/> counts the slots served by work already done: by another slot of the same URL, or by an earlier
/// request's output whose source had not changed (null in the list).
/// </summary>
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
    string? FailureReason,
    DateTimeOffset? LastProgressAt = null,
    int Redrives = 0,
    int Attempt = 1,
    IReadOnlyList<string>? WebhookEvents = null,
    int? ImagesInFlight = null,
    double? RatePerMinute = null,
    int? EstimatedSecondsLeft = null,
    ReuseCounts? Reused = null);
