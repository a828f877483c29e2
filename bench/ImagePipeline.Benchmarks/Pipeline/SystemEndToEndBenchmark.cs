using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// One large mixed request through the whole system, from the upload call to the webhook arriving, against the codec
/// floor's time for exactly the same images compressed in this process on as many lanes as cores. The floor runs
/// while the AppHost is up and idle, once before the request and once after, and the figure uses their mean.
/// Goal: the system takes at most 1.3× the floor.
/// </summary>
public static class SystemEndToEndBenchmark
{
    public const string DefaultMix = "jpeg-0.5mp:55,jpeg-3mp:35,jpeg-12mp:5,png-1mp:2.5,webp-1mp:2.5";
    private const double Goal = 1.3;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("images", 1000);
        var mix = ImageMix.Parse(options.String("mix", DefaultMix));
        var replicas = options.Int("replicas", 2);
        var urlsPerProduct = options.Int("urls", 3);
        var warmup = options.Int("warmup", 60);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 20));
        var cores = Environment.ProcessorCount;
        var images = mix.Draw(total);
        var bytes = images.Select(i => i.Bytes).ToArray();

        await using var rig = await SystemRig.StartAsync(mix.Images, replicas, options);
        var compressor = Compressors.Default();
        // JIT, connections and first allocations everywhere, on both sides of the comparison
        FixedSetFloor.WarmUp(compressor, mix.Images.Select(i => i.Variants[0]));
        var (warm, settled) = await rig.WarmUpAsync(mix.Draw(warmup), urlsPerProduct, timeout);

        var floorCpu = CpuClock.Start();
        var floorBefore = await FixedSetFloor.MeasureAsync(compressor, bytes, cores);
        var floorCpuBefore = floorCpu.Elapsed;
        var loadBefore = Machine.LoadAverage();
        var cpu = SystemCpu.Start(rig.Host);
        var run = await rig.RunAsync(images, urlsPerProduct, timeout);
        cpu.Stop();
        var loadAfter = Machine.LoadAverage();
        var settledAfter = await QuietMachine.WaitAsync();
        var floorCpuAfter = CpuClock.Start();
        var floorAfter = await FixedSetFloor.MeasureAsync(compressor, bytes, cores);
        var floorCpuPerImage = (floorCpuBefore + floorCpuAfter.Elapsed) / 2 / total;
        var floor = (floorBefore + floorAfter) / 2;
        var ratio = run.UploadToWebhook / floor;

        Console.WriteLine(BuildCheck.Describe(rig.Host));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Request: {total:N0} images, {urlsPerProduct} per product: {mix.Describe(total)}. {replicas} worker replicas × ImageWorker:Concurrency " +
            $"{(options.Int("concurrency", 0) is > 0 and var c ? c : new ImageWorker.ImageWorkerOptions().Concurrency)}; floor {cores} images in parallel. " +
            $"A {warmup}-image request went first (its webhook {warm.Webhook.Status}, {warm.UploadToWebhook.TotalSeconds:0.0} s); " +
            $"before the first floor the machine was {settled}, before the second {settledAfter}."));
        Console.WriteLine();
        Console.WriteLine("| measurement | time | images/s | ÷ floor | load at end |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("floor before the request (AppHost idle)", floorBefore, total, floorBefore / floor, loadBefore);
        Row("floor after the request (AppHost idle)", floorAfter, total, floorAfter / floor, Machine.LoadAverage());
        Row("**floor (mean)**", floor, total, 1, "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| upload answered (202) | {run.UploadAnswered.TotalSeconds:0.00} s | | | |"));
        Row("**system: upload → webhook**", run.UploadToWebhook, total, ratio, loadAfter);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook: {run.Webhook.Status}, {run.Webhook.ImagesSucceeded:N0} succeeded, {run.Webhook.ImagesFailed:N0} failed. " +
            $"Goal ≤ {Goal:0.0}× the floor: **{(ratio <= Goal ? "met" : "not met")}** ({ratio:0.00}×)."));
        Console.WriteLine();
        Console.WriteLine(cpu.Describe(total, floorCpuPerImage));
        return 0;
    }

    private static void Row(string what, TimeSpan time, int images, double ratio, string load) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {time.TotalSeconds:0.0} s | {images / time.TotalSeconds:0.0} | {ratio:0.00} | {load} |"));
}
