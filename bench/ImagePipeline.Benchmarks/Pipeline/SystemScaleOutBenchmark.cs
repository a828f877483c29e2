using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// The same request with 1, then 2 (…) worker replicas, a fresh AppHost each. Each run has its own floor on exactly
/// the same images, measured in this process while that AppHost is idle. Two figures per run: upload → webhook, and
/// first → last image result (the workers' stretch alone, from the images' completion times in ingest). On a machine
/// with fewer cores than replicas × concurrency the replicas share the cores, so the ratio between runs is the cost
/// of one more process, not a gain.
/// </summary>
public static class SystemScaleOutBenchmark
{
    private sealed record Result(int Replicas, double Floor, double PerSecond, double WorkersPerSecond)
    {
        public double Ratio => PerSecond / Floor;

        public double WorkersRatio => WorkersPerSecond / Floor;
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("images", 120);
        var image = ImageSet.ByName(options.String("image", "jpeg-3mp"));
        var replicaCounts = options.String("replicas", "1,2").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var warmup = options.Int("warmup", 60);
        var urlsPerProduct = options.Int("urls", 3);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 15));
        var cores = Environment.ProcessorCount;
        var mix = ImageMix.Parse(image.Name);
        var images = mix.Draw(total);
        var bytes = images.Select(i => i.Bytes).ToArray();
        var compressor = Compressors.Default();
        FixedSetFloor.WarmUp(compressor, image.Variants);

        var results = new List<Result>();
        var cpuLines = new List<string>();
        for (var i = 0; i < replicaCounts.Length; i++)
        {
            var replicas = replicaCounts[i];
            await using var rig = await SystemRig.StartAsync([image], replicas, options);
            if (i == 0)
            {
                Console.WriteLine(BuildCheck.Describe(rig.Host));
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Request: {total:N0} × {image.Name} ({image.Width}×{image.Height} {image.Format}, avg {image.AverageBytes / 1024:N0} KB), {urlsPerProduct} per product; " +
                    $"ImageWorker:Concurrency {(options.Int("concurrency", 0) is > 0 and var c ? c : new ImageWorker.ImageWorkerOptions().Concurrency)} per replica; " +
                    $"a {warmup}-image request first on each AppHost, then a wait for a quiet machine (at most {QuietMachine.MaxBusy:P0} of the cores busy); floor {cores} images in parallel on the same {total:N0} images while that AppHost is idle."));
                Console.WriteLine();
                Console.WriteLine("| worker replicas | floor img/s | upload → webhook | system img/s | ÷ floor | first → last result | workers' img/s | ÷ floor | img/s per worker process | images per worker | before the floor | load at end |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            }
            var (_, settled) = await rig.WarmUpAsync(mix.Draw(warmup), urlsPerProduct, timeout);
            var floorCpu = CpuClock.Start();
            var floor = total / (await FixedSetFloor.MeasureAsync(compressor, bytes, cores)).TotalSeconds;
            var floorCpuPerImage = floorCpu.Elapsed / total;
            var cpu = SystemCpu.Start(rig.Host);
            // a marker for bench/profile.sh, which samples a service during the measured request
            Console.Error.WriteLine($"measured request submitted ({replicas} replicas)");
            var run = await rig.RunAsync(images, urlsPerProduct, timeout);
            cpu.Stop();
            cpuLines.Add($"- {replicas} replica{(replicas == 1 ? "" : "s")}: {cpu.Describe(total, floorCpuPerImage)}");
            var imageResults = await PipelineClient.ImagesAsync(rig.Gateway, run.RequestId, CancellationToken.None);
            var times = imageResults.Where(r => r.CompletedAt is not null).Select(r => r.CompletedAt!.Value).Order().ToArray();
            var window = times.Length > 1 ? times[^1] - times[0] : TimeSpan.Zero;
            // n results span n - 1 intervals: the first result closes no interval of the window
            var workersPerSecond = window > TimeSpan.Zero ? (times.Length - 1) / window.TotalSeconds : double.NaN;
            var perWorker = imageResults.GroupBy(r => r.ProcessedBy ?? "?").Select(g => g.Count()).OrderDescending();
            results.Add(new Result(replicas, floor, run.ImagesPerSecond, workersPerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {replicas} | {floor:0.00} | {run.UploadToWebhook.TotalSeconds:0.0} s | **{run.ImagesPerSecond:0.00}** | **{run.ImagesPerSecond / floor:0.00}** | " +
                $"{window.TotalSeconds:0.0} s | {workersPerSecond:0.00} | {workersPerSecond / floor:0.00} | {run.ImagesPerSecond / replicas:0.00} | " +
                $"{string.Join(" / ", perWorker)} | {settled} | {Machine.LoadAverage()} |"));
            if (run.Webhook.ImagesFailed != 0 || run.Webhook.Status != "Completed")
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| | webhook: {run.Webhook.Status}, {run.Webhook.ImagesFailed} failed | | | | | | | | | | |"));
            }
        }
        Console.WriteLine();
        cpuLines.ForEach(Console.WriteLine);
        if (results.Count > 1)
        {
            var first = results[0];
            Console.WriteLine();
            foreach (var result in results.Skip(1))
            {
                // each run against its own floor first, so load that changed between the AppHosts cancels out
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Replicas} replicas ÷ {first.Replicas}, each as a fraction of its own floor: **{result.Ratio / first.Ratio:0.00}** (upload → webhook), " +
                    $"**{result.WorkersRatio / first.WorkersRatio:0.00}** (first → last result); in raw images/s {result.PerSecond / first.PerSecond:0.00} and " +
                    $"{result.WorkersPerSecond / first.WorkersPerSecond:0.00}. On {cores} cores the replicas share the same cores: below 1.00 is what one more process costs."));
            }
        }
        return 0;
    }
}
