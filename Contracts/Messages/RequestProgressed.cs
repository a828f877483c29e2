namespace ImagePipeline.Contracts;

/// <summary>
/// A request's counts moved since its last progress event; Notifier tells the webhook (<c>request.progress</c>). Ingest
/// sends at most one per request per progress interval. <see cref="Sequence"/> grows with every event of the
/// request, so a receiver can ignore one that arrives after a later one.
/// </summary>
public sealed record RequestProgressed
{
    public required Guid RequestId { get; init; }

    public required long Sequence { get; init; }

    public required int Attempt { get; init; }

    public required string Status { get; init; }

    public required int ProductCount { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public required string WebhookUrl { get; init; }

    public string? ClientId { get; init; }

    public required DateTimeOffset At { get; init; }
}
