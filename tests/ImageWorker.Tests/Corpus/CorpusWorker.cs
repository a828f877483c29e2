using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hostile;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>
/// The hostile corpus and one real worker consumer (real downloader with its destination guard, real compressor, on
/// MassTransit's test harness) that may fetch from the corpus server's 127.0.0.1:port and nothing else.
/// </summary>
internal sealed class CorpusWorker(ImageCodecEngine engine = ImageCodecEngine.Vips) : IAsyncLifetime
{
    public const int DownloadRetries = 2;
    public const int MaxRedirects = 5;
    // the cases that must time out take this long; 5 s was too little for the ones that must not, in CI runs where the
    // other test projects' AppHosts loaded the 2 cores (a server's close after a short body went unseen for 5 s)
    public static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _directory = new();
    private HarnessWorker _worker = null!;

    public HostileCorpus Corpus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Corpus = HostileCorpus.Start(DownloadRetries, MaxRedirects);
        var files = new DirectoryFileStore(_directory.Path);
        var host = TestServices.Build(new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "false",
            ["Fetch:AllowedHosts:0"] = Corpus.AllowedHost,
            ["ImageWorker:DownloadTimeout"] = DownloadTimeout.ToString(),
            ["ImageWorker:DownloadRetries"] = DownloadRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ImageWorker:MaxRedirects"] = MaxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // long enough that a Retry-After of 1 s is honoured, not cut short
            ["ImageWorker:DownloadRetryMaxDelay"] = "00:00:02",
            // the slow cases wait out their timeouts side by side
            ["ImageWorker:Concurrency"] = "48",
            ["ImageWorker:Codec"] = engine.ToString(),
        }, services =>
        {
            services.AddSingleton<IFileStore>(files);
            services.AddSingleton(new PublicUrls("http://gateway.test"));
        });
        var harness = host.Services.GetTestHarness();
        await harness.Start();
        _worker = new HarnessWorker(host, harness, files);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _worker.DisposeAsync();
            await Corpus.DisposeAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }

    /// <summary>Publishes a ProcessImage for <paramref name="hostileCase"/> and waits (bounded) for the worker's answer.</summary>
    internal async Task<CorpusOutcome> RunAsync(HostileCase hostileCase)
    {
        ArgumentNullException.ThrowIfNull(hostileCase);
        var imageId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        await _worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), imageId, hostileCase.Url));

        using var timeout = new CancellationTokenSource(OutcomeTimeout);
        while (true)
        {
            if (_worker.Published<ImageFailed>().FirstOrDefault(m => m.ImageId == imageId) is { } failed)
            {
                return new CorpusOutcome(hostileCase, failed.Outcome.ReasonCode ?? "", failed.Outcome.Reason, clock.Elapsed, Corpus.RequestsFor(hostileCase));
            }
            if (_worker.Published<ImageProcessed>().Any(m => m.ImageId == imageId))
            {
                return new CorpusOutcome(hostileCase, HostileCase.Succeeded, null, clock.Elapsed, Corpus.RequestsFor(hostileCase));
            }
            if (_worker.Published<Fault<ProcessImage>>().Any(m => m.Message.ImageId == imageId))
            {
                return new CorpusOutcome(hostileCase, "fault", "the consumer threw", clock.Elapsed, Corpus.RequestsFor(hostileCase));
            }
            await Task.Delay(20, timeout.Token);
        }
    }
}
