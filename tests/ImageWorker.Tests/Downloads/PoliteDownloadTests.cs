using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>
/// A worker is a polite client of other people's servers (issue 10, item 2): it says who it is, and it opens at most
/// <c>Fetch:MaxConnectionsPerHost</c> connections to one origin at once.
/// </summary>
public sealed class PoliteDownloadTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(64, 48);

    private readonly HashSet<string> _openConnections = [];
    private int _mostConnectionsAtOnce;
    private string? _userAgent;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/photo.jpg", (HttpContext context) =>
            {
                _userAgent = context.Request.Headers.UserAgent;
                return Results.Bytes(Photo, "image/jpeg");
            });
            app.MapGet("/held.jpg", async (HttpContext context) =>
            {
                var connection = context.Connection.Id;
                lock (_openConnections)
                {
                    _openConnections.Add(connection);
                    _mostConnectionsAtOnce = Math.Max(_mostConnectionsAtOnce, _openConnections.Count);
                }
                // held long enough for every download the handler would let through to arrive beside this one
                await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
                lock (_openConnections)
                {
                    _openConnections.Remove(connection);
                }
                return Results.Bytes(Photo, "image/jpeg");
            });
        });

    [Fact]
    public async Task Downloads_say_who_they_are_by_default()
    {
        using var host = TestServices.Build();

        await host.Services.GetRequiredService<ImageDownloader>().DownloadAsync(_server.Url("/photo.jpg").ToString(), CancellationToken.None);

        Assert.StartsWith("ImagePipeline/", _userAgent, StringComparison.Ordinal);
        Assert.Matches(@"^ImagePipeline/\d+\.\d+\.\d+", _userAgent);
    }

    [Fact]
    public async Task The_user_agent_is_a_setting()
    {
        using var host = TestServices.Build(new Dictionary<string, string?> { ["Fetch:UserAgent"] = "ExampleShop-Images/2.1 (+https://shop.example/bot)" });

        await host.Services.GetRequiredService<ImageDownloader>().DownloadAsync(_server.Url("/photo.jpg").ToString(), CancellationToken.None);

        Assert.Equal("ExampleShop-Images/2.1 (+https://shop.example/bot)", _userAgent);
    }

    [Fact]
    public async Task At_most_max_connections_per_host_are_open_to_one_origin_at_once()
    {
        using var host = TestServices.Build(new Dictionary<string, string?>
        {
            ["Fetch:MaxConnectionsPerHost"] = "3",
            ["ImageWorker:DownloadTimeout"] = "00:01:00",
        });
        var downloader = host.Services.GetRequiredService<ImageDownloader>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            downloader.DownloadAsync(_server.Url($"/held.jpg?n={i}").ToString(), CancellationToken.None)));

        // without the cap all 12 would be held at once
        Assert.Equal(3, _mostConnectionsAtOnce);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
