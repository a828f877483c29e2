namespace ImagePipeline.Cli.Api;

/// <summary>What <c>GET /api/requests/{id}</c> answers (the fields this client shows; <c>--json</c> prints them all).</summary>
public sealed record RequestStatus
{
    public required Guid RequestId { get; init; }

    public required string Status { get; init; }

    public required int ProductCount { get; init; }

    public required ImageCounts Images { get; init; }

    public required double PercentComplete { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? OutputCsvUrl { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Images out with the workers; there while the request is Processing.</summary>
    public int? ImagesInFlight { get; init; }

    /// <summary>Results per minute lately; there while the request is Processing.</summary>
    public double? RatePerMinute { get; init; }

    /// <summary>Seconds left at that pace; there while the request is Processing.</summary>
    public int? EstimatedSecondsLeft { get; init; }
}
