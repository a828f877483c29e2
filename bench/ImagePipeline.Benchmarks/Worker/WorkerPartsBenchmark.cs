using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.Benchmarks.Worker;

/// <summary>
/// Where a worker's time goes at 3 MP: each part of one image's work measured alone on as many lanes as cores, in CPU
/// milliseconds per image of this process, next to the floor and the whole direct path, in alternating rounds.
/// </summary>
public static class WorkerPartsBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duration = TimeSpan.FromSeconds(options.Double("seconds", 4));
        var rounds = options.Int("rounds", 3);
        var cores = Environment.ProcessorCount;
        var image = ImageSet.Jpeg3;
        await using var rig = await WorkerRig.StartAsync(image, new ImageWorker.ImageWorkerOptions().Concurrency);
        var compressed = rig.Compressor.Compress(image.Variants[0]);

        (string Name, Func<Task<ThroughputResult>> Measure)[] parts =
        [
            ("codec floor (in-memory source, reused)", () => FloorBenchmark.MeasureAsync(rig.Compressor, image, cores, duration)),
            ("compress a fresh copy of the source", () => Throughput.MeasureAsync(cores, duration, i =>
            {
                rig.Compressor.Compress(image.Variants[i % image.Variants.Count].ToArray());
                return Task.CompletedTask;
            })),
            ("download only (loopback server in this process)", () => Throughput.MeasureAsync(cores, duration, i => rig.Downloader.DownloadAsync(rig.Url(i), CancellationToken.None))),
            ("store only (temporary file + rename)", () => Throughput.MeasureAsync(cores, duration, async _ =>
            {
                await using var content = compressed.OpenRead();
                await rig.Files.SaveAsync(FileKey.ForImage(Guid.NewGuid(), compressed.Format.Extension), content, CancellationToken.None);
            })),
            ("whole direct path (download → compress → store)", () => Throughput.MeasureAsync(cores, duration, rig.ProcessDirectAsync)),
        ];

        Console.WriteLine($"Image: {image.Name}; {cores} lanes; {duration.TotalSeconds:0} s per part per round; CPU time is this process's (server included).");
        Console.WriteLine();
        Console.WriteLine($"| part | {string.Join(" | ", Enumerable.Range(1, rounds).Select(r => $"round {r} CPU ms/img"))} | median CPU ms/img | median img/s |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---|", rounds))}---|---|");
        var results = parts.Select(_ => new List<ThroughputResult>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var part = 0; part < parts.Length; part++)
            {
                results[part].Add(await parts[part].Measure());
            }
        }
        for (var part = 0; part < parts.Length; part++)
        {
            var cpu = results[part].Select(r => r.CpuMsPerImage).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {parts[part].Name} | {string.Join(" | ", cpu.Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)))} | " +
                $"**{Statistics.Median(cpu):0.00}** | {Statistics.Median(results[part].Select(r => r.PerSecond)):0.0} |"));
        }
        return 0;
    }
}
