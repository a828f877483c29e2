using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Codec;

/// <summary>
/// The codec floor: <see cref="ImageCompressor.Compress"/> on images already in memory, as many at once as there are
/// cores, nothing else. No pipeline can be faster than this on the same machine; every other figure is a ratio to it.
/// </summary>
public static class FloorBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parallel = options.Int("parallel", Environment.ProcessorCount);
        var duration = TimeSpan.FromSeconds(options.Double("seconds", 8));
        var only = options.String("only", "");
        var label = options.String("label", Machine.Allocator());
        var compressor = Compressors.Default();
        if (options.String("raw", "false") == "true")
        {
            // one number for a parent process (the allocator comparison): images/s of the first selected kind
            var first = ImageSet.All.Select(make => make()).First(i => only.Length == 0 || only.Split(',').Contains(i.Name));
            var raw = await MeasureAsync(compressor, first, parallel, duration);
            Console.WriteLine(raw.PerSecond.ToString("R", CultureInfo.InvariantCulture));
            return 0;
        }

        Console.WriteLine($"Allocator: {label}; {parallel} images in parallel; {duration.TotalSeconds:0} s per image kind.");
        Console.WriteLine();
        Console.WriteLine("| image | source | avg bytes in | avg bytes out | images/s | MP/s | ms/image/lane | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var make in ImageSet.All)
        {
            var image = make();
            if (only.Length > 0 && !only.Split(',').Contains(image.Name))
            {
                continue;
            }
            var bytesOut = image.Variants.Average(v => (double)compressor.Compress(v).Content.Length);
            var result = await MeasureAsync(compressor, image, parallel, duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {image.Name} | {image.Width}×{image.Height} {image.Format} {image.Encoding} | {image.AverageBytes:N0} | {bytesOut:N0} | " +
                $"**{result.PerSecond:0.00}** | {result.PerSecond * image.Megapixels:0.0} | {1000.0 * parallel / result.PerSecond:0} | {result.Load} |"));
        }
        return 0;
    }

    public static Task<ThroughputResult> MeasureAsync(ImageCompressor compressor, BenchImage image, int parallel, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(compressor);
        ArgumentNullException.ThrowIfNull(image);
        return Throughput.MeasureAsync(parallel, duration, index =>
        {
            _ = compressor.Compress(image.Pick(index));
            return Task.CompletedTask;
        });
    }
}
