using ImagePipeline.ImageWorker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>The worker's registrations on top of the real ServiceDefaults, with limits short enough for tests.</summary>
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

    public static IHost Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(FastSettings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        // the real defaults, so the downloader is tested with the handler pipeline it gets in production
        builder.AddServiceDefaults();
        builder.Services.AddImageProcessing(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
