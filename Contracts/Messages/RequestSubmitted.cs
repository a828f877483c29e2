namespace ImagePipeline.Contracts;

/// <summary>A validated CSV was accepted and stored; Ingest takes it from here.</summary>
public sealed record RequestSubmitted
{
    public required Guid RequestId { get; init; }

    /// <summary>Where the accepted CSV is stored.</summary>
    public required string CsvFileKey { get; init; }

    public string? WebhookUrl { get; init; }

    public required int ProductCount { get; init; }

    public required int ImageCount { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>
    /// The fingerprint of the API key that uploaded it (null when API keys are off): budgets, fair share and webhook
    /// secrets are per client.
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>The client's opt-in events (<see cref="WebhookEventSelection.Stored"/>), null for completion only.</summary>
    public string? WebhookEvents { get; init; }

    /// <summary>The client asked for a fresh run (<c>fresh=true</c>): nothing an earlier request made is reused.</summary>
    public bool Fresh { get; init; }
}
