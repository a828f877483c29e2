namespace ImagePipeline.Contracts;

/// <summary>The opt-in webhook events a client chose, and any names in its choice that are not events.</summary>
public sealed record WebhookEventSelection(IReadOnlyList<string> OptIn, IReadOnlyList<string> Unknown)
{
    /// <summary>How the choice travels and is stored: the opt-in names joined by commas, or null for completion only.</summary>
    public string? Stored => OptIn.Count == 0 ? null : string.Join(',', OptIn);
}
