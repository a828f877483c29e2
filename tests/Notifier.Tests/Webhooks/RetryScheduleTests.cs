using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    // the middle of the jitter range: the wait exactly as scheduled
    private const double NoJitter = 0.5;

    private static readonly TimeSpan[] Standard =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    [Fact]
    public void The_default_is_the_standard_webhooks_schedule_of_ten_attempts()
    {
        var schedule = RetrySchedule.From(new WebhookOptions());

        var waits = Enumerable.Range(1, 9).Select(attempt => schedule.WaitAfter(attempt, NoJitter));

        Assert.Equal(Standard.Select(wait => (TimeSpan?)wait), waits);
        Assert.Equal(10, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), schedule.LongestWait);
        Assert.Equal(0.2, schedule.Jitter);
    }

    [Fact]
    public void The_scale_multiplies_every_wait_and_the_longest()
    {
        var schedule = RetrySchedule.From(new WebhookOptions { RetryScheduleScale = 0.001 });

        Assert.Equal(TimeSpan.FromMilliseconds(5), schedule.WaitAfter(1, NoJitter));
        Assert.Equal(TimeSpan.FromMilliseconds(300), schedule.WaitAfter(2, NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(86.4), schedule.WaitAfter(9, NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(86.4), schedule.LongestWait);
        Assert.Equal(Standard.Select(wait => wait / 1000), schedule.Waits);
    }

    [Fact]
    public void A_configured_schedule_replaces_the_standard_one()
    {
        var schedule = RetrySchedule.From(new WebhookOptions { RetrySchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], RetryJitter = 0 });

        Assert.Equal(3, schedule.MaxAttempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], schedule.Waits);
        Assert.Null(schedule.WaitAfter(3, NoJitter));
    }

    [Theory]
    [InlineData(0.0, 240)]          // shortest: 20% early
    [InlineData(0.25, 270)]
    [InlineData(0.5, 300)]
    [InlineData(0.75, 330)]
    [InlineData(0.999_999, 359.9999)] // longest: just under 20% late
    public void Jitter_moves_a_wait_by_up_to_a_fifth_either_way(double unitRandom, double expectedSeconds)
    {
        var schedule = RetrySchedule.From(new WebhookOptions());

        var wait = schedule.WaitAfter(2, unitRandom)!.Value;

        Assert.Equal(expectedSeconds, wait.TotalSeconds, precision: 3);
    }

    [Fact]
    public void Random_jitter_stays_within_its_bounds_for_every_step()
    {
        var schedule = RetrySchedule.From(new WebhookOptions { RetryScheduleScale = 0.001 });
        var random = new Random(20250101);

        for (var attempt = 1; attempt < schedule.MaxAttempts; attempt++)
        {
            var step = schedule.Waits[attempt - 1];
            var waits = Enumerable.Range(0, 500).Select(_ => schedule.WaitAfter(attempt, random.NextDouble())!.Value).ToArray();

            Assert.All(waits, wait => Assert.InRange(wait, step * 0.8, step * 1.2));
            // and it does spread them: the samples reach into both outer tenths of the range
            Assert.Contains(waits, wait => wait < step * 0.84);
            Assert.Contains(waits, wait => wait > step * 1.16);
        }
    }

    [Fact]
    public void Without_jitter_every_wait_is_exact()
    {
        var schedule = RetrySchedule.From(new WebhookOptions { RetryJitter = 0 });

        Assert.Equal(TimeSpan.FromMinutes(30), schedule.WaitAfter(3, 0));
        Assert.Equal(TimeSpan.FromMinutes(30), schedule.WaitAfter(3, 0.999));
    }

    [Fact]
    public void There_is_no_wait_after_the_last_attempt()
    {
        var schedule = RetrySchedule.From(new WebhookOptions());

        Assert.NotNull(schedule.WaitAfter(9, NoJitter));
        Assert.Null(schedule.WaitAfter(10, NoJitter));
        Assert.Null(schedule.WaitAfter(11, NoJitter));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.WaitAfter(0, NoJitter));
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(-1.0, 0.2)]
    [InlineData(double.NaN, 0.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, -0.1)]
    public void Impossible_scales_and_jitters_are_refused(double scale, double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(Standard, scale, jitter));
    }

    [Fact]
    public void A_wait_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule([TimeSpan.FromSeconds(5), TimeSpan.Zero], 1, 0.2));
    }
}
