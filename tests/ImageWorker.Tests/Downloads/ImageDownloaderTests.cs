using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

public sealed class ImageDownloaderTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(320, 240);
    private const string RoomyBudget = "00:01:00";

    private readonly Dictionary<string, int> _hits = [];
    private string? _traceParent;
    private WorkerApp _host = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        // a budget far past what the tests wait for: on a loaded machine three attempts can outlast the fast 3 s one,
        // and a test about retries or the connect timeout must not end as a budget timeout
        _host = TestServices.Build(new Dictionary<string, string?>
        {
            ["ImageWorker:MaxDownloadBytes"] = "100000",
            ["ImageWorker:DownloadTimeout"] = RoomyBudget,
        });
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                lock (_hits)
                {
                    _hits[context.Request.Path] = _hits.GetValueOrDefault(context.Request.Path) + 1;
                }
                await next(context);
            });
            app.MapGet("/photo.jpg", (HttpContext context) =>
            {
                _traceParent = context.Request.Headers.TraceParent;
                return Results.Bytes(Photo, "image/jpeg");
            });
            app.MapGet("/missing.jpg", () => Results.NotFound());
            app.MapGet("/always-503.jpg", () => Results.StatusCode(503));
            app.MapGet("/503-then-200.jpg", (HttpContext context) =>
                Hits(context.Request.Path) == 1 ? Results.StatusCode(503) : Results.Bytes(Photo, "image/jpeg"));
            app.MapGet("/slow-body.jpg", async (HttpContext context) =>
            {
                context.Response.ContentType = "image/jpeg";
                await context.Response.Body.WriteAsync(Photo.AsMemory(0, 100), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted);
            });
            app.MapGet("/declared-too-large.jpg", async (HttpContext context) =>
            {
                context.Response.ContentType = "image/jpeg";
                context.Response.ContentLength = 200_000;
                await context.Response.Body.WriteAsync(new byte[200_000], context.RequestAborted);
            });
            app.MapGet("/endless.jpg", async (HttpContext context) =>
            {
                context.Response.ContentType = "image/jpeg";
                var chunk = new byte[16 * 1024];
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            });
            app.MapGet("/cut-off.jpg", async (HttpContext context) =>
            {
                context.Response.ContentType = "image/jpeg";
                context.Response.ContentLength = Photo.Length;
                await context.Response.Body.WriteAsync(Photo.AsMemory(0, 100), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
            });
            app.MapGet("/redirect/{hops:int}", (int hops) =>
                hops == 0 ? Results.Bytes(Photo, "image/jpeg") : Results.Redirect($"/redirect/{hops - 1}"));
            app.MapGet("/loop", () => Results.Redirect("/loop"));
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Downloads_the_whole_image()
    {
        var image = await Download("/photo.jpg");

        Assert.True(image.Content.Span.SequenceEqual(Photo));
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Equal(1, image.Attempts);
    }

    [Fact]
    public async Task A_404_fails_at_once_as_http_404()
    {
        var failure = await DownloadFails("/missing.jpg");

        Assert.Equal("http_404", failure.ReasonCode);
        Assert.Equal(1, Hits("/missing.jpg"));
    }

    [Fact]
    public async Task A_503_is_retried_and_the_next_answer_wins()
    {
        var image = await Download("/503-then-200.jpg");

        Assert.Equal(2, image.Attempts);
        Assert.Equal(Photo.Length, image.Content.Length);
    }

    [Fact]
    public async Task A_lasting_503_gives_up_after_the_configured_retries_and_no_more()
    {
        var failure = await DownloadFails("/always-503.jpg");

        Assert.Equal("http_503", failure.ReasonCode);
        // 1 + ImageWorker:DownloadRetries: no second retry layer (the standard resilience handler) multiplies them
        Assert.Equal(3, Hits("/always-503.jpg"));
    }

    [Fact]
    public async Task A_body_slower_than_the_budget_times_out()
    {
        // the fast settings' 3 s budget
        using var host = TestServices.Build();
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => host.Services.GetRequiredService<ImageDownloader>()
            .DownloadAsync(_server.Url("/slow-body.jpg").ToString(), CancellationToken.None));

        Assert.Equal(ImageFailureReasons.Timeout, failure.ReasonCode);
        // not before the 3 s budget, and far short of the body's two minutes
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_too_large_without_reading_the_body()
    {
        var failure = await DownloadFails("/declared-too-large.jpg");

        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
        Assert.Contains("200,000", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_body_without_length_is_cut_off_at_the_cap()
    {
        var failure = await DownloadFails("/endless.jpg");

        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
        Assert.Equal(1, Hits("/endless.jpg"));
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_retried_then_fails_as_connection_failed()
    {
        var failure = await DownloadFails("/cut-off.jpg");

        Assert.Equal(ImageFailureReasons.ConnectionFailed, failure.ReasonCode);
        Assert.Equal(3, Hits("/cut-off.jpg"));
    }

    [Fact]
    public async Task A_refused_connection_fails_as_connection_failed()
    {
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() =>
            Downloader().DownloadAsync($"http://127.0.0.1:{UnusedPort()}/photo.jpg", CancellationToken.None));

        Assert.Equal(ImageFailureReasons.ConnectionFailed, failure.ReasonCode);
    }

    [Fact]
    public async Task A_connect_that_hangs_times_out_after_the_connect_timeout()
    {
        // a listener that never accepts, its backlog already full: the kernel leaves further connects unanswered
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(endpoint);
            }
            await Task.Delay(200);
            // no retries and a budget far past the connect timeout (1 s), so that timer is what ends the download
            using var host = TestServices.Build(new Dictionary<string, string?>
            {
                ["ImageWorker:DownloadRetries"] = "0",
                ["ImageWorker:DownloadTimeout"] = RoomyBudget,
            });
            var clock = Stopwatch.StartNew();

            var failure = await Assert.ThrowsAsync<ImageFailureException>(() => host.Services.GetRequiredService<ImageDownloader>()
                .DownloadAsync($"http://127.0.0.1:{endpoint.Port}/photo.jpg", CancellationToken.None));

            Assert.Equal(ImageFailureReasons.Timeout, failure.ReasonCode);
            // the message names the timer that fired; the connect timeout was waited out, not skipped
            Assert.Contains("ConnectTimeout", failure.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_the_limit()
    {
        var image = await Download("/redirect/5");

        Assert.Equal(Photo.Length, image.Content.Length);
    }

    [Fact]
    public async Task A_redirect_loop_is_too_many_redirects()
    {
        var failure = await DownloadFails("/loop");

        Assert.Equal(ImageFailureReasons.TooManyRedirects, failure.ReasonCode);
        Assert.Equal(6, Hits("/loop"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/photo.jpg")]
    [InlineData("not a url")]
    [InlineData("http://user:secret@127.0.0.1/photo.jpg")]
    public async Task A_url_that_is_not_plain_http_is_invalid(string url)
    {
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => Downloader().DownloadAsync(url, CancellationToken.None));

        Assert.Equal(ImageFailureReasons.InvalidUrl, failure.ReasonCode);
    }

    [Fact]
    public async Task The_request_carries_the_current_trace_context()
    {
        using var upload = new Activity("upload").SetIdFormat(ActivityIdFormat.W3C).Start();

        await Download("/photo.jpg");

        Assert.NotNull(_traceParent);
        Assert.Contains(upload.TraceId.ToHexString(), _traceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Downloader().DownloadAsync(_server.Url("/slow-body.jpg").ToString(), cancellation.Token));
    }

    private ImageDownloader Downloader() => _host.Services.GetRequiredService<ImageDownloader>();

    private Task<DownloadedImage> Download(string path) =>
        Downloader().DownloadAsync(_server.Url(path).ToString(), CancellationToken.None);

    private Task<ImageFailureException> DownloadFails(string path) =>
        Assert.ThrowsAsync<ImageFailureException>(() => Download(path));

    private int Hits(string path)
    {
        lock (_hits)
        {
            return _hits.GetValueOrDefault(path);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
