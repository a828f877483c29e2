using System.Diagnostics;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// The whole system plus the client's side of it, all on loopback: the AppHost (<see cref="SystemHost"/>), a server of
/// benchmark images the workers may fetch, and a webhook receiver the notifier may call.
/// </summary>
public sealed class SystemRig : IAsyncDisposable
{
    private int _nextUrl;

    private SystemRig(SystemHost host, BenchImageServer images, WebhookReceiver webhooks)
    {
        Host = host;
        Images = images;
        Webhooks = webhooks;
        Gateway = host.CreateGatewayClient(TimeSpan.FromMinutes(5));
    }

    public SystemHost Host { get; }

    public BenchImageServer Images { get; }

    public WebhookReceiver Webhooks { get; }

    public HttpClient Gateway { get; }

    /// <summary>
    /// Starts the servers and the AppHost with <paramref name="replicas"/> workers and any further <c>key=value</c>
    /// <paramref name="settings"/>; <c>--concurrency</c> sets <c>ImageWorker:Concurrency</c> when given. Fails unless the
    /// services run as Release builds (<c>--allow-debug true</c> to measure another build anyway).
    /// </summary>
    public static Task<SystemRig> StartAsync(IEnumerable<BenchImage> images, int replicas, BenchOptions options, params string[] settings) =>
        StartAsync(images, [], replicas, options, settings);

    /// <summary>
    /// <see cref="StartAsync(IEnumerable{BenchImage}, int, BenchOptions, string[])"/> for a benchmark that brings its own
    /// origins as well: the workers may fetch from <paramref name="originHosts"/> (<c>127.0.0.1:port</c>) too.
    /// </summary>
    public static Task<SystemRig> StartWithOriginsAsync(IReadOnlyList<string> originHosts, int replicas, BenchOptions options, params string[] settings) =>
        StartAsync([], originHosts, replicas, options, settings);

    private static async Task<SystemRig> StartAsync(
        IEnumerable<BenchImage> images, IReadOnlyList<string> originHosts, int replicas, BenchOptions options, string[] settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = await BenchImageServer.StartAsync(images);
        var webhooks = await WebhookReceiver.StartAsync();
        try
        {
            var concurrency = options.Int("concurrency", 0);
            string[] all = concurrency > 0 ? [$"ImageWorker:Concurrency={concurrency}", .. settings] : settings;
            var host = await SystemHost.StartAsync(replicas, [server.AllowedHost, webhooks.AllowedHost, .. originHosts], all);
            var rig = new SystemRig(host, server, webhooks);
            BuildCheck.Require(host, options);
            return rig;
        }
        catch
        {
            await webhooks.DisposeAsync();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A warm-up request of <paramref name="images"/> (JIT, connections and first allocations in every service), then a
    /// wait until the machine is quiet (<see cref="QuietMachine"/>); returns the warm-up's run and how the wait went.
    /// </summary>
    public async Task<(RequestRun Run, string Settled)> WarmUpAsync(IReadOnlyList<MixedImage> images, int urlsPerProduct, TimeSpan timeout)
    {
        var run = await RunAsync(images, urlsPerProduct, timeout);
        return (run, await QuietMachine.WaitAsync());
    }

    /// <summary>Uploads <paramref name="images"/> as one request with this rig's webhook and waits for the webhook.</summary>
    public async Task<RequestRun> RunAsync(IReadOnlyList<MixedImage> images, int urlsPerProduct, TimeSpan timeout)
    {
        var submitted = await SubmitAsync(images, urlsPerProduct);
        return await submitted.CompleteAsync(timeout);
    }

    /// <summary>Uploads <paramref name="images"/> as one request with this rig's webhook; the caller waits for it.</summary>
    public async Task<SubmittedRequest> SubmitAsync(IReadOnlyList<MixedImage> images, int urlsPerProduct)
    {
        ArgumentNullException.ThrowIfNull(images);
        var csv = PipelineClient.Csv([.. images.Select(i => Images.Url(i, Interlocked.Increment(ref _nextUrl)))], urlsPerProduct);
        Images.Reset();
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(csv);
        var requestId = await PipelineClient.UploadAsync(Gateway, content, Webhooks.Url, CancellationToken.None);
        return new SubmittedRequest(this, requestId, images.Count, started, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Uploads <paramref name="csv"/> as it is (its URLs the caller's) with this rig's webhook; <paramref name="fresh"/>
    /// asks for a fresh run. An upload the gateway answers 503 is sent up to three times. The caller waits for it.
    /// </summary>
    public async Task<SubmittedRequest> SubmitCsvAsync(string csv, int images, bool fresh)
    {
        Images.Reset();
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(csv);
        // a loaded machine's broker may turn one upload away; the request's time then includes the wait (said on stderr)
        var requestId = await PipelineClient.UploadAsync(Gateway, content, Webhooks.Url, fresh, attempts: 3, CancellationToken.None);
        return new SubmittedRequest(this, requestId, images, started, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await Host.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Images.DisposeAsync();
    }
}
