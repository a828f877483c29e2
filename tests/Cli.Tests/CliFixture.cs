using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// The whole system through its AppHost in local mode with API keys on (so the CLI's key handling is proven against
/// the real check), and the images its CSVs name on loopback. A second key and an origin that answers conditional
/// requests serve <see cref="ReuseIsolationTests"/>, which needs two clients: this is the one AppHost fixture with keys.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string ApiKey = "cli-tests-key-0123456789abcdef";

    /// <summary>Another client's key.</summary>
    public const string OtherApiKey = "cli-tests-other-key-0123456789";

    private readonly AppHostSession _appHost = AppHostSession.For<Projects.AppHost>("cli");

    public ImageShelf Images { get; private set; } = null!;

    /// <summary>An origin that sends validators, answers conditional requests and logs the validators it was sent.</summary>
    public ConditionalOrigin Conditional { get; private set; } = null!;

    /// <summary>The gateway with the API key on every call, for checking what the CLI printed against the API.</summary>
    public HttpClient Gateway => _appHost.Gateway;

    public CliRunner Cli { get; private set; } = null!;

    /// <summary>A directory for the CSVs the tests write and the files the CLI downloads.</summary>
    public string WorkDirectory => Path.Combine(_appHost.DataDirectory, "work");

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
        Conditional = await ConditionalOrigin.StartAsync();

        await _appHost.StartAsync(new AppHostOptions
        {
            Arguments =
            [
                .. LocalAppHost.Arguments(_appHost.DataDirectory, SigningSecret),
                "ImageWorker:Replicas=1",
                // a held image waits for its test; the default 20 s download budget would fail it meanwhile
                "ImageWorker:DownloadTimeout=00:03:00",
                $"Access:ApiKeys:0={ApiKey}",
                $"Access:ApiKeys:1={OtherApiKey}",
                $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
                $"Fetch:AllowedHosts:1=127.0.0.1:{Conditional.Server.BaseUri.Port}",
            ],
        });
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
        await _appHost.DisposeAsync();
        if (Images is not null)
        {
            await Images.DisposeAsync();
        }
        if (Conditional is not null)
        {
            await Conditional.DisposeAsync();
        }
    }
}
