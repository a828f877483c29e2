namespace ImagePipeline.Contracts;

/// <summary>
/// One image of a request that asked for per-image events got its result; Notifier tells the webhook
/// (<c>image.processed</c> or <c>image.failed</c>). The counts are the request's once this result was counted.
/// </summary>
public sealed record ImageResultAnnounced
{
    public required Guid RequestId { get; init; }

    public required Guid ImageId { get; init; }

    public required long Sequence { get; init; }

    public required int Attempt { get; init; }

    public required int RowNumber { get; init; }

    public required int Position { get; init; }

    public required string SourceUrl { get; init; }

    public required bool Succeeded { get; init; }

    public string? OutputUrl { get; init; }

    public long? BytesIn { get; init; }

    public long? BytesOut { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public required string WebhookUrl { get; init; }

    public string? ClientId { get; init; }

    public required DateTimeOffset At { get; init; }
}
