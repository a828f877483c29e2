namespace ImagePipeline.Ingest.Persistence;

/// <summary>A request as the upload described it, before any image is processed.</summary>
public sealed record NewRequest
{
    public required Guid RequestId { get; init; }

    public required string CsvFileKey { get; init; }

    public string? WebhookUrl { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public string? ClientId { get; init; }

    /// <summary>When a request that fails at once must have had its completion acknowledged by Notifier before it is announced again.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public string? WebhookEvents { get; init; }

    /// <summary>The client asked for a fresh run: nothing an earlier request made is reused (what this one makes is still remembered).</summary>
    public bool Fresh { get; init; }
}
