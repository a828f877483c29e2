using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>
/// The connect-time guard through the real downloader, on loopback only: exactly one loopback host:port is allowed,
/// and every other loopback address, name and port — directly or as a redirect's target — must be refused before a
/// connection is made.
/// </summary>
public sealed class DestinationGuardTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(64, 48);

    private LoopbackServer _allowed = null!;
    private LoopbackServer _other = null!;
    private WorkerApp _host = null!;
    private int _otherHits;

    public async Task InitializeAsync()
    {
        _other = await LoopbackServer.StartAsync(app => app.MapGet("/photo.jpg", () =>
        {
            Interlocked.Increment(ref _otherHits);
            return Results.Bytes(Photo, "image/jpeg");
        }));
        _allowed = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/photo.jpg", () => Results.Bytes(Photo, "image/jpeg"));
            app.MapGet("/to-other-port", () => Results.Redirect(new Uri(_other.BaseUri, "photo.jpg").ToString()));
            app.MapGet("/to-localhost", () => Results.Redirect($"http://localhost:{_allowed.BaseUri.Port}/photo.jpg"));
            app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        });
        _host = TestServices.Build(new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "false",
            ["Fetch:AllowedHosts:0"] = $"127.0.0.1:{_allowed.BaseUri.Port}",
        });
    }

    [Fact]
    public async Task The_allowed_host_and_port_is_fetched()
    {
        var image = await Downloader().DownloadAsync(Url(_allowed, "/photo.jpg"), CancellationToken.None);

        Assert.Equal(Photo, image.Content.ToArray());
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/photo.jpg")]
    [InlineData("http://[::1]:{port}/photo.jpg")]
    [InlineData("http://localhost:{port}/photo.jpg")]
    [InlineData("http://0.0.0.0:{port}/photo.jpg")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/photo.jpg")]
    public async Task Other_loopback_addresses_and_names_on_the_allowed_port_are_refused(string template)
    {
        var url = template.Replace("{port}", _allowed.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => Downloader().DownloadAsync(url, CancellationToken.None));

        Assert.Equal(ImageFailureReasons.BlockedDestination, failure.ReasonCode);
    }

    [Fact]
    public async Task Another_port_on_the_allowed_address_is_refused_without_connecting()
    {
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() =>
            Downloader().DownloadAsync(Url(_other, "/photo.jpg"), CancellationToken.None));

        Assert.Equal(ImageFailureReasons.BlockedDestination, failure.ReasonCode);
        Assert.Equal(0, _otherHits);
    }

    [Theory]
    [InlineData("/to-other-port")]
    [InlineData("/to-localhost")]
    [InlineData("/to-metadata")]
    public async Task A_redirect_to_a_blocked_destination_is_refused_at_that_hop(string path)
    {
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() =>
            Downloader().DownloadAsync(Url(_allowed, path), CancellationToken.None));

        Assert.Equal(ImageFailureReasons.BlockedDestination, failure.ReasonCode);
        Assert.Equal(0, _otherHits);
    }

    private ImageDownloader Downloader() => _host.Services.GetRequiredService<ImageDownloader>();

    private static string Url(LoopbackServer server, string path) => new Uri(server.BaseUri, path.TrimStart('/')).ToString();

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _allowed.DisposeAsync();
        await _other.DisposeAsync();
    }
}
