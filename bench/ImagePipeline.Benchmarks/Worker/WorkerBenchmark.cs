using System.Diagnostics;
using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Worker;

/// <summary>
/// The worker's path at 3 MP against the codec floor, in interleaved rounds (floor, direct path, consumer on the bus,
/// floor, …) so that a neighbour's load falls on both sides of each ratio. Goal: ≥ 0.9 of the floor's images/s.
/// </summary>
public static class WorkerBenchmark
{
    private const double Goal = 0.9;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rounds = options.Int("rounds", 5);
        var concurrency = options.Int("concurrency", new ImageWorker.ImageWorkerOptions().Concurrency);
        var duration = TimeSpan.FromSeconds(options.Double("seconds", 8));
        var cores = Environment.ProcessorCount;
        var image = ImageSet.Jpeg3;

        await using var rig = await WorkerRig.StartAsync(image, concurrency, options.Int("codec", 0));
        // the first bus batch warms the consumer, the in-memory transport and the connection pool
        await rig.ProcessThroughBusAsync(concurrency * 2);
        // a batch on the bus is a count, not a time: size it from a short floor run so it lasts about as long as the others
        var calibration = await FloorBenchmark.MeasureAsync(rig.Compressor, image, cores, TimeSpan.FromSeconds(2));
        var busBatch = Math.Max(concurrency * 4, (int)(calibration.PerSecond * duration.TotalSeconds));

        Console.WriteLine($"Image: {image.Name} ({image.Width}×{image.Height} JPEG q{ImageSet.JpegQuality}, avg {image.AverageBytes:N0} bytes). " +
            $"Allocator: {Machine.Allocator()}. Worker concurrency {concurrency} (ImageWorker:Concurrency default); floor {cores} in parallel.");
        Console.WriteLine();
        Console.WriteLine($"| round | floor img/s ({cores} parallel) | direct img/s (×{concurrency}) | ratio | direct img/s (×{cores}) | ratio | consumer+bus img/s (×{concurrency}) | ratio | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var ratios = new List<(double Direct, double DirectCores, double Bus)>();
        for (var round = 1; round <= rounds; round++)
        {
            // the order turns each round, so a burst of a neighbour's load does not always land on the same side
            var results = new ThroughputResult?[4];
            Func<Task<ThroughputResult>>[] steps =
            [
                () => FloorBenchmark.MeasureAsync(rig.Compressor, image, cores, duration),
                () => Throughput.MeasureAsync(concurrency, duration, rig.ProcessDirectAsync),
                () => Throughput.MeasureAsync(cores, duration, rig.ProcessDirectAsync),
                () => MeasureBusAsync(rig, busBatch),
            ];
            for (var step = 0; step < steps.Length; step++)
            {
                var which = (step + round - 1) % steps.Length;
                results[which] = await steps[which]();
            }
            var (floor, direct, directCores, bus) = (results[0]!, results[1]!, results[2]!, results[3]!);
            ratios.Add((direct.PerSecond / floor.PerSecond, directCores.PerSecond / floor.PerSecond, bus.PerSecond / floor.PerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {floor.PerSecond:0.00} | {direct.PerSecond:0.00} | {ratios[^1].Direct:0.00} | {directCores.PerSecond:0.00} | " +
                $"{ratios[^1].DirectCores:0.00} | {bus.PerSecond:0.00} | {ratios[^1].Bus:0.00} | {bus.Load} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} cpu ms/img | {floor.CpuMsPerImage:0.0} | {direct.CpuMsPerImage:0.0} | {floor.CpuMsPerImage / direct.CpuMsPerImage:0.00} | {directCores.CpuMsPerImage:0.0} | " +
                $"{floor.CpuMsPerImage / directCores.CpuMsPerImage:0.00} | {bus.CpuMsPerImage:0.0} | {floor.CpuMsPerImage / bus.CpuMsPerImage:0.00} | |"));
        }
        var median = (Median(ratios.Select(r => r.Direct)), Median(ratios.Select(r => r.DirectCores)), Median(ratios.Select(r => r.Bus)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **median ratio** | 1.00 | | **{median.Item1:0.00}** | | **{median.Item2:0.00}** | | **{median.Item3:0.00}** | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Goal ≥ {Goal:0.0} × floor through the consumer: **{(median.Item3 >= Goal ? "met" : "not met")}** ({median.Item3:0.00})."));
        return 0;
    }

    private static async Task<ThroughputResult> MeasureBusAsync(WorkerRig rig, int count)
    {
        var cpu = CpuClock.Start();
        var stopwatch = Stopwatch.StartNew();
        await rig.ProcessThroughBusAsync(count);
        return new ThroughputResult(count, stopwatch.Elapsed, Machine.LoadAverage(), cpu.Elapsed);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
