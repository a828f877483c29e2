using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_schedule_doubles_from_five_seconds()
    {
        var options = new WebhookOptions();

        var delays = Enumerable.Range(1, options.MaxAttempts - 1)
            .Select(attempt => RetrySchedule.DelayAfter(attempt, options.InitialRetryDelay, options.MaxRetryDelay).TotalSeconds);

        Assert.Equal([5, 10, 20, 40, 80, 160, 320], delays);
    }

    [Fact]
    public void Delay_stops_growing_at_the_maximum()
    {
        var initial = TimeSpan.FromSeconds(5);
        var max = TimeSpan.FromHours(1);

        Assert.Equal(TimeSpan.FromSeconds(2560), RetrySchedule.DelayAfter(10, initial, max));
        Assert.Equal(max, RetrySchedule.DelayAfter(11, initial, max));
        Assert.Equal(max, RetrySchedule.DelayAfter(1000, initial, max));
    }

    [Fact]
    public void Success_delivers_whatever_the_attempt()
    {
        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)null), RetrySchedule.After(8, succeeded: true, new WebhookOptions(), Now));
    }

    [Fact]
    public void Failure_before_the_last_attempt_schedules_the_next()
    {
        var options = new WebhookOptions { MaxAttempts = 3 };

        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(5)), RetrySchedule.After(1, succeeded: false, options, Now));
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(10)), RetrySchedule.After(2, succeeded: false, options, Now));
    }

    [Fact]
    public void Failure_of_the_last_attempt_fails_the_delivery()
    {
        var options = new WebhookOptions { MaxAttempts = 3 };

        Assert.Equal((DeliveryStatus.Failed, (DateTimeOffset?)null), RetrySchedule.After(3, succeeded: false, options, Now));
    }
}
