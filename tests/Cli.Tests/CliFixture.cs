using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// The whole system through its AppHost in local mode with API keys on (so the CLI's key handling is proven against
/// the real check), and the images its CSVs name on loopback.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string ApiKey = "cli-tests-key-0123456789abcdef";

    public static readonly IReadOnlyList<string> Services = ["ingest", "imageworker", "export", "notifier", "gateway"];
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-cli-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public ImageShelf Images { get; private set; } = null!;

    /// <summary>The gateway with the API key on every call, for checking what the CLI printed against the API.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public CliRunner Cli { get; private set; } = null!;

    /// <summary>A directory for the CSVs the tests write and the files the CLI downloads.</summary>
    public string WorkDirectory => Path.Combine(_dataDirectory, "work");

    public async Task InitializeAsync()
    {
        if (RequiredInfrastructure.RabbitMQSkipReason() is not null)
        {
            return;
        }
        Directory.CreateDirectory(WorkDirectory);
        Images = await ImageShelf.StartAsync();
        Images.Put("photo.jpg", TestImages.Jpeg(800, 600, quality: 92, seed: 7), "image/jpeg");
        Images.Put("graphic.png", TestImages.GraphicPng(640, 480), "image/png");

        string[] args =
        [
            .. LocalAppHost.Arguments(_dataDirectory, SigningSecret),
            "ImageWorker:Replicas=1",
            // a held image waits for its test; the default 20 s download budget would fail it meanwhile
            "ImageWorker:DownloadTimeout=00:03:00",
            $"Access:ApiKeys:0={ApiKey}",
            $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
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
        Gateway.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Cli = new CliRunner(Gateway.BaseAddress!, ApiKey);
    }

    /// <summary>Writes <paramref name="csv"/> to a new file in <see cref="WorkDirectory"/> and returns its path.</summary>
    public string WriteCsv(string csv)
    {
        var path = Path.Combine(WorkDirectory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    public static string Csv(params string[] rows) => "S. No.,Product Name,Input Image Urls\r\n" + string.Join("\r\n", rows) + "\r\n";

    public async Task DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            Gateway?.Dispose();
            if (Images is not null)
            {
                await Images.DisposeAsync();
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
