using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// The whole system through its AppHost in local mode, the images its CSVs name and a webhook receiver on loopback,
/// and one chromium: each test opens its own page (its own session storage) at the gateway's address.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static readonly IReadOnlyList<string> Services = ["ingest", "imageworker", "export", "notifier", "gateway"];
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-console-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public ImageShelf Images { get; private set; } = null!;
    public LoopbackServer WebhookServer { get; private set; } = null!;
    public RequestRecorder Webhooks { get; } = new();
    public HttpClient Gateway { get; private set; } = null!;
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

        string[] args =
        [
            .. LocalAppHost.Arguments(_dataDirectory, SigningSecret),
            // one worker is enough for a handful of images and leaves the shared cores to the browser
            "ImageWorker:Replicas=1",
            // a held image waits for its test; the default 20 s download budget would fail it meanwhile
            "ImageWorker:DownloadTimeout=00:03:00",
            $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
            $"Fetch:AllowedHosts:1=127.0.0.1:{WebhookServer.BaseUri.Port}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
        LocalAppHost.WithoutTelemetryExport(builder);
        builder.Services.AddLogging(logging => logging
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        _app = await builder.BuildAsync();
        await LocalAppHost.StartHealthyAsync(_app, Services, StartTimeout);
        Gateway = _app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
        Browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            Gateway?.Dispose();
            if (Images is not null)
            {
                await Images.DisposeAsync();
            }
            if (WebhookServer is not null)
            {
                await WebhookServer.DisposeAsync();
            }
        }
        finally
        {
            // a leftover temp directory must not hide a failure that happened above
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
