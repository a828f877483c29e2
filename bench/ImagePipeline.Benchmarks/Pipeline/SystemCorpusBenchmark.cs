using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Issue 12's "180 images (60 products × 3)" request of real corpus files, upload → webhook through the AppHost at its
/// default settings, against the codec floor on exactly the same 180 images: the same engine in this process, one image
/// per core. <c>--codec magick</c> runs both sides on the Magick.NET engine (the old engine, on today's code).
/// Unlike <c>system e2e</c> it does not wait for a quiet machine (a shared machine here is never quiet for minutes):
/// the floor runs right before and right after the request and the load average is printed beside each figure.
/// Goal: the system takes at most 1.3× the floor.
/// </summary>
public static class SystemCorpusBenchmark
{
    private const double Goal = 1.3;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("images", 180);
        var urlsPerProduct = options.Int("urls", 3);
        var replicas = options.Int("replicas", 2);
        var warmup = options.Int("warmup", 9);
        var floors = options.Int("floors", 2);
        var engine = Enum.Parse<ImageCodecEngine>(options.String("codec", "vips"), ignoreCase: true);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 20));
        var cores = Environment.ProcessorCount;
        var request = CorpusRequest.Pick(options.String("dir", "bench/corpus/files"), total);
        var bytes = request.Images.Select(i => i.Bytes).ToArray();
        // only a non-default engine is set: otherwise the AppHost runs exactly as shipped
        string[] settings = engine == new ImageWorkerOptions().Codec ? [] : [$"ImageWorker:Codec={engine}"];

        await using var rig = await SystemRig.StartAsync(request.Files, replicas, options, settings);
        var compressor = Compressors.For(engine);
        // JIT, connections and the native libraries' first allocations, on both sides of the comparison
        FixedSetFloor.WarmUp(compressor, request.Files.Where(f => f.Format == "jpeg").Take(3).Select(f => f.Variants[0]));
        var warm = await rig.RunAsync([.. request.Images.Where(i => i.Image.Format == "jpeg").Take(warmup)], urlsPerProduct, timeout);

        var rows = new List<(string What, TimeSpan Time, string Load)>();
        var floorCpu = CpuClock.Start();
        var floorBefore = await FixedSetFloor.MeasureAsync(compressor, bytes, cores);
        var floorCpuTotal = floorCpu.Elapsed;
        rows.Add(("floor before the request", floorBefore, Machine.LoadAverage()));
        var cpu = SystemCpu.Start(rig.Host);
        var run = await rig.RunAsync(request.Images, urlsPerProduct, timeout);
        cpu.Stop();
        var loadAfterRun = Machine.LoadAverage();
        var floorTimes = new List<TimeSpan> { floorBefore };
        for (var i = 1; i < floors; i++)
        {
            floorCpu = CpuClock.Start();
            var after = await FixedSetFloor.MeasureAsync(compressor, bytes, cores);
            floorCpuTotal += floorCpu.Elapsed;
            floorTimes.Add(after);
            rows.Add(("floor after the request", after, Machine.LoadAverage()));
        }
        var floor = floorTimes.Aggregate(TimeSpan.Zero, (a, b) => a + b) / floorTimes.Count;
        var ratio = run.UploadToWebhook / floor;

        Console.WriteLine(BuildCheck.Describe(rig.Host));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Request: {total} real corpus images, {urlsPerProduct} per product ({(total + urlsPerProduct - 1) / urlsPerProduct} products): {request.Describe()}; " +
            $"{request.Files.Count} distinct files. Engine **{engine}** on both sides; {replicas} worker replicas at the AppHost's defaults; floor {cores} images in " +
            $"parallel. A {warmup}-image JPEG request went first ({warm.Webhook.Status}, {warm.UploadToWebhook.TotalSeconds:0.0} s)."));
        Console.WriteLine();
        Console.WriteLine("| measurement | time | images/s | ÷ floor | load at end |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (what, time, load) in rows)
        {
            Row(what, time, total, time / floor, load);
        }
        Row("**floor (mean)**", floor, total, 1, "");
        Row("**system: upload → webhook**", run.UploadToWebhook, total, ratio, loadAfterRun);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook: {run.Webhook.Status}, {run.Webhook.ImagesSucceeded} succeeded, {run.Webhook.ImagesFailed} failed. " +
            $"Goal ≤ {Goal:0.0}× the floor: **{(ratio <= Goal ? "met" : "not met")}** ({ratio:0.00}×)."));
        Console.WriteLine();
        Console.WriteLine(cpu.Describe(total, floorCpuTotal / floorTimes.Count / total));
        return 0;
    }

    private static void Row(string what, TimeSpan time, int images, double ratio, string load) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {time.TotalSeconds:0.0} s | {images / time.TotalSeconds:0.00} | {ratio:0.00} | {load} |"));
}
