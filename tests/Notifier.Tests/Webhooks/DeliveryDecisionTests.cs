using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class DeliveryDecisionTests
{
    private const double NoJitter = 0.5;

    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = RetrySchedule.From(new WebhookOptions());

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public void A_2xx_answer_delivers(int statusCode)
    {
        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)null), Decide(attempt: 3, statusCode));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void A_410_disables_at_once_whatever_the_attempt(int attempt)
    {
        Assert.Equal((DeliveryStatus.Disabled, (DateTimeOffset?)null), Decide(attempt, 410, retryAfter: TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(301)]
    [InlineData(null)] // timed out, refused, reset
    public void Any_other_outcome_is_tried_again_on_the_schedule(int? statusCode)
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(5)), Decide(attempt: 1, statusCode));
        Assert.Equal((DeliveryStatus.Pending, Now.AddHours(2)), Decide(attempt: 4, statusCode));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(404)]
    [InlineData(null)]
    public void A_failure_of_the_last_attempt_fails_the_delivery(int? statusCode)
    {
        Assert.Equal((DeliveryStatus.Failed, (DateTimeOffset?)null), Decide(attempt: 10, statusCode, retryAfter: TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Retry_after_of_a_429_or_5xx_is_honoured_when_later_than_the_schedule(int statusCode)
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(90)), Decide(attempt: 1, statusCode, retryAfter: TimeSpan.FromSeconds(90)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void Retry_after_never_brings_an_attempt_forward(int statusCode)
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddMinutes(30)), Decide(attempt: 3, statusCode, retryAfter: TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Retry_after_is_capped_at_the_longest_wait_of_the_schedule()
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddHours(24)), Decide(attempt: 1, 503, retryAfter: TimeSpan.FromDays(30)));

        var scaled = RetrySchedule.From(new WebhookOptions { RetryScheduleScale = 0.001 });
        Assert.Equal(
            (DeliveryStatus.Pending, Now.AddSeconds(86.4)),
            DeliveryDecision.After(1, 429, TimeSpan.FromHours(1), scaled, Now, NoJitter));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(301)]
    [InlineData(null)]
    public void Retry_after_of_any_other_answer_is_ignored(int? statusCode)
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(5)), Decide(attempt: 1, statusCode, retryAfter: TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public void The_jitter_of_the_schedule_applies_to_the_next_attempt()
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddMinutes(4)), DeliveryDecision.After(2, 500, null, Schedule, Now, unitRandom: 0));
    }

    private static (DeliveryStatus, DateTimeOffset?) Decide(int attempt, int? statusCode, TimeSpan? retryAfter = null) =>
        DeliveryDecision.After(attempt, statusCode, retryAfter, Schedule, Now, NoJitter);
}
