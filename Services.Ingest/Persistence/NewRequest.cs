namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A request as the upload described it, before any image is processed. <paramref name="LeaseUntil"/> is when a
/// request that fails at once must have had its completion acknowledged by Notifier before it is announced again.
/// </summary>
public sealed record NewRequest(
    Guid RequestId,
    string CsvFileKey,
    string? WebhookUrl,
    DateTimeOffset SubmittedAt,
    DateTimeOffset RecordedAt,
    string? ClientId = null,
    DateTimeOffset? LeaseUntil = null,
    string? WebhookEvents = null)
{
    /// <summary>The client asked for a fresh run: nothing an earlier request made is reused (what this one makes is still remembered).</summary>
    public bool Fresh { get; init; }
}
