using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// What follows one attempt. 2xx: delivered. 410 Gone: the receiver turned the endpoint off, so the delivery is
/// <c>Disabled</c> at once. Anything else (other 4xx and 3xx included, as Standard Webhooks counts every non-2xx as a
/// failure; a timeout; no connection) is tried again per the schedule, later still when a 429 or 5xx asks for it with
/// <c>Retry-After</c>, and <c>Failed</c> once the schedule is used up.
/// </summary>
public static class DeliveryDecision
{
    public const int GoneStatusCode = 410;

    public static (DeliveryStatus Status, DateTimeOffset? NextAttemptAt) After(
        int attemptInSeries, int? statusCode, TimeSpan? retryAfter, RetrySchedule schedule, DateTimeOffset now, double unitRandom)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (statusCode is >= 200 and < 300)
        {
            return (DeliveryStatus.Delivered, null);
        }
        if (statusCode == GoneStatusCode)
        {
            return (DeliveryStatus.Disabled, null);
        }
        if (schedule.WaitAfter(attemptInSeries, unitRandom) is not { } wait)
        {
            return (DeliveryStatus.Failed, null);
        }
        if (HonoursRetryAfter(statusCode) && retryAfter is { } asked)
        {
            // later than the schedule if the receiver asks, never earlier; capped, so a receiver cannot park a
            // delivery for longer than the schedule's own longest wait
            wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, Math.Min(asked.Ticks, schedule.LongestWait.Ticks)));
        }
        return (DeliveryStatus.Pending, now + wait);
    }

    /// <summary>Only "slow down" (429) and "try later" (5xx) answers carry a <c>Retry-After</c> meant for us.</summary>
    public static bool HonoursRetryAfter(int? statusCode) => statusCode is 429 or (>= 500 and < 600);
}
