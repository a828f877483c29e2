using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>
/// The real worker (its Program, hosted by <see cref="ServiceApp{TProgram}"/>: every production registration, the bus
/// swapped for MassTransit's in-memory harness) with limits short enough for tests.
/// </summary>
internal static class TestServices
{
    public static readonly IReadOnlyDictionary<string, string?> FastSettings = new Dictionary<string, string?>
    {
        ["ImageWorker:DownloadTimeout"] = "00:00:03",
        ["ImageWorker:ConnectTimeout"] = "00:00:01",
        ["ImageWorker:DownloadRetries"] = "2",
        ["ImageWorker:DownloadRetryDelay"] = "00:00:00.050",
        ["ImageWorker:DownloadRetryMaxDelay"] = "00:00:00.200",
        ["ImageWorker:MaxDownloadBytes"] = "4000000",
        // wall-clock: on a shared, oversubscribed test machine an ordinary image can take a minute
        ["ImageWorker:MaxCodecTime"] = "00:10:00",
        // the tests' servers are on loopback, which production refuses; DestinationGuardTests cover the refusal
        ["Fetch:AllowPrivateNetworks"] = "true",
    };

    public const string PublicBaseUrl = "http://gateway.test";

    /// <param name="settings">Settings over <see cref="FastSettings"/>.</param>
    /// <param name="configure">Replacements made after the production registrations (a file store that fails, a log sink).</param>
    public static WorkerApp Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var files = new TempDirectory();
        var app = ServiceApp<Program>.Create(hosting =>
        {
            hosting
                .Set("ConnectionStrings:files", new Uri(files.Path).AbsoluteUri)
                .Set(PublicUrls.SettingName, PublicBaseUrl)
                .Set(FastSettings)
                .Set(settings);
            if (configure is not null)
            {
                hosting.ConfigureServices(configure);
            }
        });
        return new WorkerApp(app, files);
    }
}
