namespace ImagePipeline.Contracts;

/// <summary>
/// A request reached a final status; Notifier tells the client's webhook, signed with the secret of
/// <see cref="ClientId"/> (the uploading API key's fingerprint; null when API keys are off). A retry of the failed
/// images ends in a new <see cref="Attempt"/>, announced as an event of its own. <see cref="Sequence"/> is the
/// request's event sequence at completion (see <see cref="RequestProgressed"/>).
/// </summary>
public sealed record RequestCompleted
{
    public required Guid RequestId { get; init; }

    public required string Status { get; init; }

    public string? WebhookUrl { get; init; }

    public required int ProductCount { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public string? OutputCsvUrl { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public string? ClientId { get; init; }

    public int Attempt { get; init; } = 1;

    public long Sequence { get; init; }
}
