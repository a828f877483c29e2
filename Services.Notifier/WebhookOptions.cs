namespace ImagePipeline.Notifier;

/// <summary>Settings of webhook delivery (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The Standard Webhooks signing secret, <c>whsec_</c> followed by base64 of 24 to 64 random bytes. Required: the
    /// service refuses to start without it. With API keys on it is the master secret: each key's webhooks are signed
    /// with a secret derived from it and the key's fingerprint (<see cref="ServiceDefaults.Webhooks.WebhookSigningKeys"/>).
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>Longest one HTTP attempt may take, response headers included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest the TCP (and TLS) connection of one attempt may take: a receiver that drops SYNs gives up its slot after
    /// this, not after the whole <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The waits between attempts: after the first (immediate) attempt fails, the next comes after the first wait, and
    /// so on; when the last wait's attempt fails too, the delivery is <c>Failed</c>. Unset means the Standard Webhooks
    /// schedule (<see cref="Webhooks.RetrySchedule.StandardWebhooks"/>): 10 attempts over about three days.
    /// </summary>
    /// <remarks>
    /// Null rather than the standard list by default: the configuration binder appends configured items to a list
    /// that already has some, so a configured schedule would be added to the standard one instead of replacing it.
    /// </remarks>
    public IReadOnlyList<TimeSpan>? RetrySchedule { get; set; }

    /// <summary>Multiplies every wait of the schedule (and its cap on <c>Retry-After</c>); tests make three days pass in seconds.</summary>
    public double RetryScheduleScale { get; set; } = 1.0;

    /// <summary>Each wait is moved at random by up to this fraction either way, so retries of many deliveries spread out.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// How often the dispatcher looks for deliveries whose next attempt is due, when nothing wakes it sooner (a new
    /// delivery, or an attempt finishing, wakes it at once).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Attempts one instance has in flight at most. Each is one socket waiting on a receiver, so the bound is high: a
    /// hundred receivers that never answer must leave room for everyone else.
    /// </summary>
    public int MaxParallelDeliveries { get; set; } = 256;

    /// <summary>
    /// Attempts one instance has in flight to one host name at most (any port, see <see cref="Webhooks.WebhookHost"/>):
    /// a slow host holds this many slots, never the whole dispatcher, and no receiver gets more than this at once.
    /// </summary>
    public int MaxConnectionsPerHost { get; set; } = 4;

    /// <summary>
    /// How long a claimed attempt stays reserved for its claimer; if the instance dies mid-attempt, the delivery becomes
    /// due again after this. Must exceed <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>RequestCompleted messages one instance consumes at the same time (each records a delivery for the dispatcher).</summary>
    public int ConcurrentConsumers { get; set; } = 16;
}
