using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Scale-out where it pays on any machine: one catalogue of small images from one origin that answers each after a
/// fixed latency (a slow CDN), so the work is bound by download latency, not by the cores. The same request with 1, 2,
/// 4 and 8 worker replicas (a fresh AppHost each): time to webhook, the speed-up of each step and its share of the
/// ideal (2.00 per doubling), and the most downloads the origin saw open at once. Then the same catalogue from an
/// origin that takes only N downloads at once and answers <c>429</c> past them: how many 429s, and the time against the
/// origin's own limit (images × latency ÷ N).
/// </summary>
public static class SystemOriginBenchmark
{
    private sealed record Result(int Replicas, TimeSpan Time, int MostOpen, int Throttled, int Failed);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("images", 1000);
        var image = ImageSet.ByName(options.String("image", "jpeg-small"));
        var latency = TimeSpan.FromMilliseconds(options.Int("latency-ms", 300));
        var replicaCounts = Numbers(options.String("replicas", "1,2,4,8"));
        var limits = Numbers(options.String("limits", "4,8"));
        var limitReplicas = options.Int("limit-replicas", 4);
        var warmup = options.Int("warmup", 40);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 15));
        var mix = ImageMix.Parse(image.Name);
        // further AppHost settings for a comparison, e.g. --settings "ImageWorker:PreviewSize=0"
        var settings = options.String("settings", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var concurrency = options.Int("concurrency", 0) is > 0 and var c ? c : new ImageWorker.ImageWorkerOptions().Concurrency;

        var results = new List<Result>();
        var cpuLines = new List<string>();
        for (var i = 0; i < replicaCounts.Length; i++)
        {
            var (result, cpu) = await RunOnceAsync(replicaCounts[i], throttleAbove: null);
            cpuLines.Add($"- {result.Replicas} replica{(result.Replicas == 1 ? "" : "s")}: {cpu}.");
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Request: {total:N0} × {image.Name} ({image.Width}×{image.Height} {image.Format}, avg {image.AverageBytes / 1024:N0} KB), one per product, all from one origin " +
                    $"that answers each after {latency.TotalMilliseconds:0} ms; ImageWorker:Concurrency {concurrency} per replica; a {warmup}-image request first on each AppHost. " +
                    $"Ideal time with R replicas: {total:N0} × {latency.TotalMilliseconds:0} ms ÷ (R × {concurrency}) (the download alone)."));
                Console.WriteLine();
                Console.WriteLine("| worker replicas | slots | upload → webhook | ideal (latency only) | speed-up on the step before | ÷ ideal 2.00 per doubling | most downloads open at the origin | load at end |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|");
            }
            var previous = results.Count > 0 ? results[^1] : null;
            results.Add(result);
            var ideal = total * latency / (result.Replicas * concurrency);
            var speedUp = previous is null ? double.NaN : previous.Time / result.Time;
            var perDoubling = previous is null ? double.NaN : speedUp / ((double)result.Replicas / previous.Replicas);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Replicas} | {result.Replicas * concurrency} | **{result.Time.TotalSeconds:0.0} s** | {ideal.TotalSeconds:0.0} s | " +
                $"{(previous is null ? "—" : $"{speedUp:0.00}")} | {(previous is null ? "—" : $"**{perDoubling:0.00}**")} | {result.MostOpen} | {Machine.LoadAverage()} |"));
            if (result.Failed > 0)
            {
                Console.WriteLine($"| | {result.Failed} images failed | | | | | | |");
            }
        }

        Console.WriteLine();
        cpuLines.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The same catalogue, {limitReplicas} worker replicas ({limitReplicas * concurrency} slots), from an origin that takes at most N downloads at once and answers 429 (Retry-After: 1) past them:"));
        Console.WriteLine();
        Console.WriteLine("| origin's limit N | upload → webhook | the origin's own floor (images × latency ÷ N) | ÷ floor | 429 answers | 429s per image | most open at once | images failed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var limit in limits)
        {
            var (result, _) = await RunOnceAsync(limitReplicas, throttleAbove: limit);
            var floor = total * latency / limit;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {limit} | **{result.Time.TotalSeconds:0.0} s** | {floor.TotalSeconds:0.0} s | **{result.Time / floor:0.00}** | {result.Throttled:N0} | " +
                $"**{(double)result.Throttled / total:0.000}** | {result.MostOpen} | {result.Failed} |"));
        }
        return 0;

        async Task<(Result Result, string Cpu)> RunOnceAsync(int replicas, int? throttleAbove)
        {
            await using var rig = await SystemRig.StartAsync([image], replicas, options, settings);
            rig.Images.Origin.Latency = latency;
            rig.Images.Origin.ThrottleAbove = throttleAbove;
            // the warm-up also teaches Ingest the origin's pace, as a catalogue sent daily would find it; then a quiet
            // machine, so the services' start-up JIT does not count against the measured request
            var (_, settled) = await rig.WarmUpAsync(mix.Draw(warmup), urlsPerProduct: 1, timeout);
            var cpu = SystemCpu.Start(rig.Host);
            var run = await rig.RunAsync(mix.Draw(total), urlsPerProduct: 1, timeout);
            cpu.Stop();
            var result = new Result(replicas, run.UploadToWebhook, rig.Images.Origin.MostOpen, rig.Images.Origin.Throttled, run.Webhook.ImagesFailed);
            return (result, $"{cpu.DescribeShares(total)}; before it, {settled}");
        }
    }

    private static int[] Numbers(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
}
