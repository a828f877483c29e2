namespace ImagePipeline.Contracts;

/// <summary>
/// A validated CSV was accepted and stored; Ingest takes it from here. <paramref name="ClientId"/> is the fingerprint of
/// the API key that uploaded it (null when API keys are off): budgets, fair share and webhook secrets are per client.
/// <paramref name="WebhookEvents"/> is the client's opt-in events (<see cref="WebhookEventSelection.Stored"/>), null for completion only.
/// </summary>
public sealed record RequestSubmitted(
    Guid RequestId,
    string CsvFileKey,
    string? WebhookUrl,
    int ProductCount,
    int ImageCount,
    DateTimeOffset SubmittedAt,
    string? ClientId = null,
    string? WebhookEvents = null)
{
    /// <summary>The client asked for a fresh run (<c>fresh=true</c>): nothing an earlier request made is reused.</summary>
    public bool Fresh { get; init; }
}
