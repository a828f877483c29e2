using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>
/// An origin that asks to slow down (429) is waited out, not failed, for up to <c>ImageWorker:ThrottlePatience</c>;
/// and every download reports what its origin answered, for Ingest to pace the origin by.
/// </summary>
public sealed class ThrottledDownloadTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(64, 48);

    private readonly Dictionary<string, int> _hits = [];
    private WorkerApp _host = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _host = TestServices.Build(new Dictionary<string, string?>
        {
            ["ImageWorker:DownloadTimeout"] = "00:01:00",
            ["ImageWorker:DownloadRetries"] = "1",
            ["ImageWorker:DownloadRetryDelay"] = "00:00:00.050",
            ["ImageWorker:DownloadRetryMaxDelay"] = "00:00:00.200",
            ["ImageWorker:ThrottlePatience"] = "00:00:06",
        });
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/busy-three-times.jpg", (HttpContext context) =>
            {
                if (Hit(context) <= 3)
                {
                    context.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }
                return Results.Bytes(Photo, "image/jpeg");
            });
            app.MapGet("/always-busy.jpg", (HttpContext context) =>
            {
                Hit(context);
                return Results.StatusCode(429);
            });
            app.MapGet("/503-then-200.jpg", (HttpContext context) =>
                Hit(context) == 1 ? Results.StatusCode(503) : Results.Bytes(Photo, "image/jpeg"));
            app.MapGet("/missing.jpg", () => Results.NotFound());
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_429_is_retried_past_the_download_retries_and_the_image_arrives()
    {
        var url = _server.Url("/busy-three-times.jpg").ToString();
        var tally = new DownloadTally(url);

        var image = await Downloader().DownloadAsync(url, tally, default);

        var report = tally.ToReport();
        Assert.True(image.Content.Span.SequenceEqual(Photo));
        // one retry allowed for failures, yet three throttled answers were waited out
        Assert.Equal((4, 3, 0, 1000), (report.Attempts, report.Throttled, report.Failures, report.RetryAfterMs));
        Assert.NotNull(report.LatencyMs);
        Assert.False(report.Clean);
        Assert.Equal($"http://{_server.Url("/").Authority}", report.Origin);
    }

    [Fact]
    public async Task Each_throttled_answer_is_signalled_at_once_and_left_out_of_the_final_report()
    {
        var url = _server.Url("/busy-three-times.jpg").ToString();
        var signalled = new List<Contracts.DownloadReport>();
        var tally = new DownloadTally(url, report =>
        {
            signalled.Add(report);
            return Task.CompletedTask;
        });

        await Downloader().DownloadAsync(url, tally, default);

        Assert.Equal(3, signalled.Count);
        Assert.All(signalled, s => Assert.Equal((1, 1, 1000), (s.Throttled, s.Attempts, s.RetryAfterMs)));
        var report = tally.ToReport();
        Assert.Equal((4, 0), (report.Attempts, report.Throttled));
        Assert.True(report.Clean);
    }

    [Fact]
    public async Task An_origin_that_never_stops_throttling_fails_the_image_once_the_patience_is_spent()
    {
        var url = _server.Url("/always-busy.jpg").ToString();
        var tally = new DownloadTally(url);

        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => Downloader().DownloadAsync(url, tally, default));

        Assert.Equal("http_429", failure.ReasonCode);
        // more attempts than the retries allow: waiting out a throttle is not a failed attempt
        Assert.True(tally.ToReport().Throttled >= 3, $"throttled {tally.ToReport().Throttled} times");
    }

    [Fact]
    public async Task A_503_counts_as_throttling_for_the_pace_and_a_clean_answer_as_clean()
    {
        var busy = _server.Url("/503-then-200.jpg").ToString();
        var busyTally = new DownloadTally(busy);
        await Downloader().DownloadAsync(busy, busyTally, default);
        var missing = _server.Url("/missing.jpg").ToString();
        var missingTally = new DownloadTally(missing);
        await Assert.ThrowsAsync<ImageFailureException>(() => Downloader().DownloadAsync(missing, missingTally, default));

        Assert.Equal((2, 1), (busyTally.ToReport().Attempts, busyTally.ToReport().Throttled));
        // a 404 is the image's problem, not the origin's: nothing to slow down for
        Assert.True(missingTally.ToReport().Clean);
    }

    private ImageDownloader Downloader() => _host.Services.GetRequiredService<ImageDownloader>();

    private int Hit(HttpContext context)
    {
        lock (_hits)
        {
            return _hits[context.Request.Path] = _hits.GetValueOrDefault(context.Request.Path) + 1;
        }
    }
}
