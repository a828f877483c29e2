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

        // production's worker (codec gate at one per core) and the same worker without the gate (the code before it)
        await using var rig = await WorkerRig.StartAsync(image, concurrency, codec: options.Int("codec", 0));
        await using var ungated = await WorkerRig.StartAsync(image, concurrency, codec: concurrency);
        // the first bus batch warms the consumer, the in-memory transport and the connection pool
        await rig.ProcessThroughBusAsync(concurrency * 2);
        await ungated.ProcessThroughBusAsync(concurrency * 2);
        // a batch on the bus is a count, not a time: size it from a short floor run so it lasts about as long as the others
        var calibration = await FloorBenchmark.MeasureAsync(rig.Compressor, image, cores, TimeSpan.FromSeconds(2));
        var busBatch = Math.Max(concurrency * 4, (int)(calibration.PerSecond * duration.TotalSeconds));

        Console.WriteLine($"Image: {image.Name} ({image.Width}×{image.Height} JPEG q{ImageSet.JpegQuality}, avg {image.AverageBytes:N0} bytes). " +
            $"Allocator: {Machine.Allocator()}. Worker: ImageWorker:Concurrency {concurrency}, codec gate {rig.CodecSlots} " +
            $"(ungated: {ungated.CodecSlots}); floor {cores} in parallel. Each cell: images/s, then CPU ms per image of this process.");
        Console.WriteLine();
        Console.WriteLine($"| round | floor ({cores} parallel) | worker, consumer+bus | ÷ floor | same, codec ungated (before) | ÷ floor | gated ÷ ungated | direct path (×{cores}) | ÷ floor | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var ratios = new List<Ratios>();
        for (var round = 1; round <= rounds; round++)
        {
            // the order turns each round, so a burst of a neighbour's load does not always land on the same side
            var results = new ThroughputResult?[4];
            Func<Task<ThroughputResult>>[] steps =
            [
                () => FloorBenchmark.MeasureAsync(rig.Compressor, image, cores, duration),
                () => MeasureBusAsync(rig, busBatch),
                () => MeasureBusAsync(ungated, busBatch),
                () => Throughput.MeasureAsync(cores, duration, rig.ProcessDirectAsync),
            ];
            for (var step = 0; step < steps.Length; step++)
            {
                var which = (step + round - 1) % steps.Length;
                results[which] = await steps[which]();
            }
            var (floor, bus, before, direct) = (results[0]!, results[1]!, results[2]!, results[3]!);
            var r = new Ratios(
                bus.PerSecond / floor.PerSecond, floor.CpuMsPerImage / bus.CpuMsPerImage,
                before.PerSecond / floor.PerSecond, floor.CpuMsPerImage / before.CpuMsPerImage,
                bus.PerSecond / before.PerSecond, before.CpuMsPerImage / bus.CpuMsPerImage,
                direct.PerSecond / floor.PerSecond, floor.CpuMsPerImage / direct.CpuMsPerImage);
            ratios.Add(r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {Cell(floor)} | {Cell(bus)} | {r.Bus:0.00} / {r.BusCpu:0.00} | {Cell(before)} | {r.Before:0.00} / {r.BeforeCpu:0.00} | " +
                $"{r.Gate:0.00} / {r.GateCpu:0.00} | {Cell(direct)} | {r.Direct:0.00} / {r.DirectCpu:0.00} | {bus.Load} |"));
        }
        double M(Func<Ratios, double> pick) => Statistics.Median(ratios.Select(pick));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **median** | | | **{M(r => r.Bus):0.00}** / {M(r => r.BusCpu):0.00} | | {M(r => r.Before):0.00} / {M(r => r.BeforeCpu):0.00} | " +
            $"**{M(r => r.Gate):0.00}** / {M(r => r.GateCpu):0.00} | | {M(r => r.Direct):0.00} / {M(r => r.DirectCpu):0.00} | |"));
        Console.WriteLine();
        Console.WriteLine("Ratios are throughput / CPU efficiency (floor's CPU ms per image ÷ the path's). CPU time is this process's own, " +
            "so a neighbour's load stretches the window but not the work; the in-process image server's CPU is counted against the worker.");
        Console.WriteLine();
        var bestOfBoth = M(r => r.Bus);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Goal ≥ {Goal:0.0} × floor through the consumer: **{(bestOfBoth >= Goal ? "met" : "not met")}** ({bestOfBoth:0.00} by throughput, {M(r => r.BusCpu):0.00} by CPU per image)."));
        return 0;
    }

    private static string Cell(ThroughputResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.PerSecond:0.00} / {result.CpuMsPerImage:0.0} ms");

    private static async Task<ThroughputResult> MeasureBusAsync(WorkerRig rig, int count)
    {
        var cpu = CpuClock.Start();
        var stopwatch = Stopwatch.StartNew();
        await rig.ProcessThroughBusAsync(count);
        return new ThroughputResult(count, stopwatch.Elapsed, Machine.LoadAverage(), cpu.Elapsed);
    }

    private sealed record Ratios(
        double Bus, double BusCpu, double Before, double BeforeCpu, double Gate, double GateCpu, double Direct, double DirectCpu);
}
