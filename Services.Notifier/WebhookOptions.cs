namespace ImagePipeline.Notifier;

/// <summary>Settings of webhook delivery (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The Standard Webhooks signing secret, <c>whsec_</c> followed by base64 of 24 to 64 random bytes. Required: the
    /// service refuses to start without it.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>Longest one HTTP attempt may take, response headers included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery, the first included; after the last failed one the delivery is <c>Failed</c>.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the dispatcher looks for deliveries whose next attempt is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Due deliveries one instance claims per poll and sends at the same time.</summary>
    public int MaxParallelDeliveries { get; set; } = 8;

    /// <summary>
    /// How long a claimed attempt stays reserved for its claimer; if the instance dies mid-attempt, the delivery becomes
    /// due again after this. Must exceed <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>RequestCompleted messages one instance consumes at the same time (each may make one HTTP attempt).</summary>
    public int ConcurrentConsumers { get; set; } = 16;
}
