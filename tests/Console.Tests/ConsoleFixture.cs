using ImagePipeline.Chromium;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// The whole system through its AppHost in local mode, the images its CSVs name and a webhook receiver on loopback,
/// and one chromium: each test opens its own page (its own session storage) at the gateway's address.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly AppHostSession _appHost = AppHostSession.For<Projects.AppHost>("console");

    public ImageShelf Images { get; private set; } = null!;
    public LoopbackServer WebhookServer { get; private set; } = null!;
    public RequestRecorder Webhooks { get; } = new();
    public HttpClient Gateway => _appHost.Gateway;
    public BrowserSession Browser { get; private set; } = null!;

    /// <summary>The gateway's root, where the console is: the address a user types.</summary>
    public Uri GatewayUri => Gateway.BaseAddress!;

    public async Task InitializeAsync()
    {
        if (RequiresBrowserFactAttribute.SkipReason() is not null)
        {
            return;
        }
        Images = await ImageShelf.StartAsync();
        Images.Put("photo.jpg", TestImages.Jpeg(1024, 768, quality: 92, seed: 3), "image/jpeg");
        Images.Put("graphic.png", TestImages.GraphicPng(800, 600), "image/png");
        Images.Put("held.jpg", TestImages.Jpeg(320, 240, quality: 90, seed: 5), "image/jpeg");
        WebhookServer = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
        {
            await Webhooks.RecordAsync(context);
            return Results.Ok();
        }));

        await _appHost.StartAsync(new AppHostOptions
        {
            Arguments =
            [
                .. LocalAppHost.Arguments(_appHost.DataDirectory, SigningSecret),
                // one worker is enough for a handful of images and leaves the shared cores to the browser
                "ImageWorker:Replicas=1",
                // a held image waits for its test; the default 20 s download budget would fail it meanwhile
                "ImageWorker:DownloadTimeout=00:03:00",
                $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
                $"Fetch:AllowedHosts:1=127.0.0.1:{WebhookServer.BaseUri.Port}",
            ],
        });
        Browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        await _appHost.DisposeAsync();
        if (Images is not null)
        {
            await Images.DisposeAsync();
        }
        if (WebhookServer is not null)
        {
            await WebhookServer.DisposeAsync();
        }
    }
}
