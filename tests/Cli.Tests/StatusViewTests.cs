using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;

namespace ImagePipeline.Cli.Tests;

/// <summary>The pace line of <c>status</c> and <c>--wait</c>: what a user watches while a request runs.</summary>
public sealed class StatusViewTests
{
    private static readonly RequestStatus Running = new()
    {
        RequestId = Guid.NewGuid(),
        Status = "Processing",
        ProductCount = 40,
        Images = new ImageCounts(120, 30, 2, 88),
        PercentComplete = 26.7,
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_running_request_shows_images_in_flight_its_rate_and_the_time_left()
    {
        var pace = StatusView.Pace(Running with { ImagesInFlight = 16, RatePerMinute = 42.5, EstimatedSecondsLeft = 125 });

        Assert.Equal("16 in flight, 42.5 images/min, about 2 min left", pace);
    }

    [Fact]
    public void Before_any_result_there_is_no_rate_and_no_estimate()
    {
        Assert.Equal("4 in flight, no rate yet", StatusView.Pace(Running with { ImagesInFlight = 4 }));
    }

    [Fact]
    public void A_finished_request_or_an_older_gateway_gives_no_pace()
    {
        Assert.Null(StatusView.Pace(Running with { Status = "Completed" }));
    }

    [Theory]
    [InlineData(0, "1 s")]
    [InlineData(45, "45 s")]
    [InlineData(90, "2 min")]
    [InlineData(4_800, "1 h 20 min")]
    public void Durations_read_as_people_say_them(int seconds, string expected)
    {
        Assert.Equal(expected, StatusView.Duration(seconds));
    }
}
