using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>When a delivery is tried again: exponential backoff from the first failure, capped, for a bounded number of attempts.</summary>
public static class RetrySchedule
{
    /// <summary>The wait after failed attempt <paramref name="failedAttempt"/> (1-based): initial × 2^(n−1), at most <paramref name="maxDelay"/>.</summary>
    public static TimeSpan DelayAfter(int failedAttempt, TimeSpan initialDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempt);
        // capping the exponent keeps the arithmetic finite however high the attempt count goes
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 62));
        var ticks = Math.Min(initialDelay.Ticks * factor, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>What follows attempt <paramref name="attemptNumber"/>: delivered, another try at a later time, or failed for good.</summary>
    public static (DeliveryStatus Status, DateTimeOffset? NextAttemptAt) After(
        int attemptNumber, bool succeeded, WebhookOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (succeeded)
        {
            return (DeliveryStatus.Delivered, null);
        }
        if (attemptNumber >= options.MaxAttempts)
        {
            return (DeliveryStatus.Failed, null);
        }
        return (DeliveryStatus.Pending, now + DelayAfter(attemptNumber, options.InitialRetryDelay, options.MaxRetryDelay));
    }
}
