using System.Diagnostics;
using System.Globalization;
using System.Net;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Latency of <c>GET /api/requests/{id}</c> (gateway → ingest) with many clients polling a request while it runs,
/// against one client polling on the same system while it is idle. Each poller polls in a loop, waiting
/// <c>--interval-ms</c> between polls (0: none, the worst case).
/// </summary>
public static class SystemStatusBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("images", 300);
        var mix = ImageMix.Parse(options.String("mix", "jpeg-0.5mp:70,jpeg-3mp:30"));
        var pollers = options.Int("pollers", 50);
        var idlePolls = options.Int("idle-polls", 300);
        var interval = TimeSpan.FromMilliseconds(options.Double("interval-ms", 0));
        var replicas = options.Int("replicas", 2);
        var urlsPerProduct = options.Int("urls", 3);
        var warmup = options.Int("warmup", 10);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 15));

        await using var rig = await SystemRig.StartAsync(mix.Images, replicas, options);
        var (warm, settled) = await rig.WarmUpAsync(mix.Draw(warmup), urlsPerProduct, timeout);
        using var client = rig.Host.CreateGatewayClient(TimeSpan.FromSeconds(60));

        // baseline: one poller, the system idle, polling the finished warm-up request
        for (var i = 0; i < 20; i++)
        {
            await PollAsync(client, warm.RequestId);
        }
        var idle = new List<TimeSpan>(idlePolls);
        var idleErrors = 0;
        var idleClock = Stopwatch.StartNew();
        for (var i = 0; i < idlePolls; i++)
        {
            var (latency, ok) = await PollAsync(client, warm.RequestId);
            idle.Add(latency);
            idleErrors += ok ? 0 : 1;
            await Delay(interval, CancellationToken.None);
        }
        idleClock.Stop();
        var idleLoad = Machine.LoadAverage();

        // under load: the pollers start with the upload and stop when its webhook arrives
        var request = await rig.SubmitAsync(mix.Draw(total), urlsPerProduct);
        using var stop = new CancellationTokenSource();
        var loadClock = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, pollers).Select(_ => Task.Run(() => PollUntilAsync(client, request.RequestId, interval, stop.Token))).ToArray();
        RequestRun run;
        try
        {
            run = await request.CompleteAsync(timeout);
        }
        finally
        {
            await stop.CancelAsync();
        }
        var results = await Task.WhenAll(lanes);
        loadClock.Stop();
        var busy = results.SelectMany(r => r.Latencies).ToArray();
        var busyErrors = results.Sum(r => r.Errors);

        var idleStats = new Latencies(idle);
        var busyStats = new Latencies(busy);
        Console.WriteLine(BuildCheck.Describe(rig.Host));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A {warmup}-image request went first; the machine was then {settled}. Polled through the gateway's AppHost endpoint; pause between one poller's polls {interval.TotalMilliseconds:0} ms. The request under load: " +
            $"{total:N0} images ({mix.Describe(total)}), {replicas} worker replicas; upload → webhook {run.UploadToWebhook.TotalSeconds:0.0} s " +
            $"({run.ImagesPerSecond:0.0} images/s) with the pollers running; webhook {run.Webhook.Status}, {run.Webhook.ImagesFailed} failed."));
        Console.WriteLine();
        Console.WriteLine("| pollers | while | polls | polls/s | p50 | p99 | max | errors | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Row(1, "idle (baseline)", idleStats, idleClock.Elapsed, idleErrors, idleLoad);
        Row(pollers, $"a {total:N0}-image request runs", busyStats, loadClock.Elapsed, busyErrors, Machine.LoadAverage());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **÷ baseline** | | | | **{busyStats.Percentile(0.5) / idleStats.Percentile(0.5):0.0}×** | **{busyStats.Percentile(0.99) / idleStats.Percentile(0.99):0.0}×** | " +
            $"{busyStats.Max / idleStats.Max:0.0}× | | |"));
        return 0;
    }

    private static void Row(int pollers, string during, Latencies stats, TimeSpan elapsed, int errors, string load) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {pollers} | {during} | {stats.Count:N0} | {stats.Count / elapsed.TotalSeconds:0} | **{Latencies.Milliseconds(stats.Percentile(0.5))}** | " +
            $"**{Latencies.Milliseconds(stats.Percentile(0.99))}** | {Latencies.Milliseconds(stats.Max)} | {errors} | {load} |"));

    private static async Task<(List<TimeSpan> Latencies, int Errors)> PollUntilAsync(HttpClient client, Guid requestId, TimeSpan interval, CancellationToken stop)
    {
        var latencies = new List<TimeSpan>();
        var errors = 0;
        while (!stop.IsCancellationRequested)
        {
            var (latency, ok) = await PollAsync(client, requestId);
            latencies.Add(latency);
            errors += ok ? 0 : 1;
            await Delay(interval, stop);
        }
        return (latencies, errors);
    }

    /// <summary>One status poll, body read to the end; a failure counts as an error, never ends the run.</summary>
    private static async Task<(TimeSpan Latency, bool Ok)> PollAsync(HttpClient client, Guid requestId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync($"/api/requests/{requestId}");
            await response.Content.ReadAsByteArrayAsync();
            return (Stopwatch.GetElapsedTime(started), response.StatusCode == HttpStatusCode.OK);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (Stopwatch.GetElapsedTime(started), false);
        }
    }

    private static async Task Delay(TimeSpan interval, CancellationToken stop)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(interval, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
