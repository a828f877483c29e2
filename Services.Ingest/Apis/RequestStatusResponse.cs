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
public sealed record RequestStatusResponse
{
    public required Guid RequestId { get; init; }

    public required string Status { get; init; }

    public required int ProductCount { get; init; }

    public required ImageCounts Images { get; init; }

    public required double PercentComplete { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? OutputCsvUrl { get; init; }

    public required string ProductsUrl { get; init; }

    public string? FailureReason { get; init; }

    public DateTimeOffset? LastProgressAt { get; init; }

    public int Redrives { get; init; }

    public int Attempt { get; init; } = 1;

    public IReadOnlyList<string>? WebhookEvents { get; init; }

    public int? ImagesInFlight { get; init; }

    public double? RatePerMinute { get; init; }

    public int? EstimatedSecondsLeft { get; init; }

    public ReuseCounts? Reused { get; init; }
}
