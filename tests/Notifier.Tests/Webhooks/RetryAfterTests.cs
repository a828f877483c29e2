using System.Net.Http.Headers;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("120", 120)]
    [InlineData("Wed, 01 Jan 2025 12:00:10 GMT", 10)]
    [InlineData("Wed, 01 Jan 2025 14:00:00 GMT", 7200)]
    public void Seconds_and_http_dates_are_waits_from_now(string header, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.WaitOf(RetryConditionHeaderValue.Parse(header), Now));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("Wed, 01 Jan 2025 12:00:00 GMT")]
    [InlineData("Tue, 31 Dec 2024 23:00:00 GMT")]
    public void A_wait_that_is_already_over_is_no_wait(string header)
    {
        Assert.Null(RetryAfter.WaitOf(RetryConditionHeaderValue.Parse(header), Now));
    }

    [Fact]
    public void No_header_is_no_wait()
    {
        Assert.Null(RetryAfter.WaitOf(null, Now));
    }

    [Fact]
    public void A_response_parses_both_forms_and_drops_garbage()
    {
        using var seconds = new HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "3");
        using var date = new HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jan 2025 12:01:00 GMT");
        using var garbage = new HttpResponseMessage();
        garbage.Headers.TryAddWithoutValidation("Retry-After", "soon, please");

        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfter.WaitOf(seconds.Headers.RetryAfter, Now));
        Assert.Equal(TimeSpan.FromMinutes(1), RetryAfter.WaitOf(date.Headers.RetryAfter, Now));
        Assert.Null(RetryAfter.WaitOf(garbage.Headers.RetryAfter, Now));
    }
}
