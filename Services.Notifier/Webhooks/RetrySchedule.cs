namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The waits between the attempts of one series of a delivery: the first attempt goes at once, each later one after
/// the wait that follows the previous failure, scaled and moved at random by the jitter.
/// </summary>
public sealed class RetrySchedule
{
    /// <summary>The Standard Webhooks schedule, after the immediate first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.</summary>
    public static IReadOnlyList<TimeSpan> StandardWebhooks { get; } =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
        TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    private readonly TimeSpan[] _waits;

    public RetrySchedule(IReadOnlyList<TimeSpan> waits, double scale, double jitter)
    {
        ArgumentNullException.ThrowIfNull(waits);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a positive number.");
        }
        if (!double.IsFinite(jitter) || jitter is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter must be at least 0 and less than 1.");
        }
        if (waits.Any(wait => wait <= TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(waits), "Every wait must be positive.");
        }

        _waits = [.. waits.Select(wait => wait * scale)];
        Jitter = jitter;
        LongestWait = _waits.Length == 0 ? TimeSpan.Zero : _waits.Max();
    }

    public static RetrySchedule From(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetrySchedule(options.RetrySchedule ?? StandardWebhooks, options.RetryScheduleScale, options.RetryJitter);
    }

    /// <summary>The scaled waits, before jitter.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits;

    public double Jitter { get; }

    /// <summary>Attempts in one series: the immediate one and one after each wait.</summary>
    public int MaxAttempts => _waits.Length + 1;

    /// <summary>The longest scaled wait; a receiver's <c>Retry-After</c> never pushes an attempt further out than this.</summary>
    public TimeSpan LongestWait { get; }

    /// <summary>
    /// The wait after failed attempt <paramref name="failedAttempt"/> (1-based, counted within its series), or null when
    /// that was the last one. <paramref name="unitRandom"/> in [0, 1) picks the jitter: 0 is the shortest wait
    /// (1 − jitter times the step), values near 1 the longest (1 + jitter times).
    /// </summary>
    public TimeSpan? WaitAfter(int failedAttempt, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempt);
        if (failedAttempt > _waits.Length)
        {
            return null;
        }
        var factor = 1 + (Jitter * ((2 * Math.Clamp(unitRandom, 0, 1)) - 1));
        return _waits[failedAttempt - 1] * factor;
    }
}
