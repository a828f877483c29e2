using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>
/// <c>jpeg-stages [--dir bench/corpus/files] [--rounds 5]</c>: where a JPEG's CPU goes in the worker's compressor. For
/// every corpus JPEG, one TSV row on stdout: megapixels, the CPU of the quality estimate (<see cref="JpegQuality"/>,
/// ImageMagick's header read) and of the whole compression, each the median of <c>--rounds</c>; then the totals and the
/// estimate's share. The estimate is the one part of the JPEG path that is not libvips, so it is the part sharp does
/// not pay.
/// </summary>
public static class JpegStagesExperiment
{
    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var compressor = Compressors.Default();
        var rounds = Math.Max(1, options.Int("rounds", 5));
        var files = Directory.GetFiles(options.String("dir", "bench/corpus/files"))
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine("name\tmp\tbytes_in\testimate_ms\tcompress_ms");
        double estimates = 0, compressions = 0;
        foreach (var file in files)
        {
            var source = File.ReadAllBytes(file);
            var compressed = compressor.Compress(source);
            var estimate = Median(rounds, () => JpegQuality.Estimate(source));
            var compress = Median(rounds, () => compressor.Compress(source));
            estimates += estimate;
            compressions += compress;
            var megapixels = compressed.Width * (double)compressed.Height / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}\t{megapixels:0.0}\t{source.Length}\t{estimate:0.0}\t{compress:0.0}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total\t\t\t{estimates:0}\t{compressions:0}\testimate share {estimates / compressions:0.000}"));
        return 0;
    }

    private static double Median(int rounds, Action action)
    {
        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var cpu = CpuClock.Start();
            action();
            times[i] = cpu.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[rounds / 2];
    }
}
