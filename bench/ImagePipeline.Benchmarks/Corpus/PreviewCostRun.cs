using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>
/// <c>previews --dir bench/corpus/files [--only text]</c>: what the worker's previews (issue 23) cost on the real corpus;
/// <c>previews --image jpeg-small [--repeat 10]</c>: the same on a generated set's variants, each made that many times
/// (small images, where the previews weigh most).
/// Every file is compressed as the worker does it, then its two previews are made as <see cref="PreviewWriter"/> makes
/// them (the source's, and the output's unless the source was kept), one image at a time on this thread; the CPU of
/// each part is the process's, so read it on a quiet machine or as a ratio. Prints, per format, the previews' CPU as a
/// share of compressing and of the two together, and their bytes as a share of the stored outputs.
/// </summary>
public static class PreviewCostRun
{
    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.String("dir", "bench/corpus/files");
        var only = options.String("only", "");
        var defaults = new ImageWorkerOptions();
        var compressor = Compressors.Default();
        var encoder = new PreviewEncoder(defaults.PreviewSize, defaults.PreviewQuality);
        var generated = options.String("image", "");
        (string Name, byte[] Bytes)[] sources = generated.Length > 0
            ? [.. Enumerable.Range(0, options.Int("repeat", 10)).SelectMany(_ => ImageSet.ByName(generated).Variants.Select((bytes, i) => ($"{generated}-{i}", bytes)))]
            : [.. Directory.GetFiles(directory).Where(f => Path.GetFileName(f).Contains(only, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
        // warm: the first image pays for loading the native libraries
        Measure(compressor, encoder, sources[0].Bytes);

        var rows = new List<(string Format, double CompressMs, double PreviewMs, long BytesOut, long PreviewBytes)>();
        foreach (var (name, bytes) in sources)
        {
            if (Measure(compressor, encoder, bytes) is { } row)
            {
                rows.Add(row);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}\t{row.Format}\tcompress {row.CompressMs:0.0} ms\tpreviews {row.PreviewMs:0.0} ms\t{row.BytesOut} + {row.PreviewBytes} B"));
            }
        }

        Console.WriteLine("| format | images | compress CPU (s) | previews CPU (s) | previews ÷ compress | previews ÷ (compress + previews) | stored outputs | previews' bytes | previews ÷ outputs | preview bytes per image (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Format).OrderBy(g => g.Key, StringComparer.Ordinal).Append(rows.GroupBy(_ => "all").Single()))
        {
            var compress = group.Sum(r => r.CompressMs) / 1000;
            var previews = group.Sum(r => r.PreviewMs) / 1000;
            var bytesOut = group.Sum(r => r.BytesOut);
            var previewBytes = group.Sum(r => r.PreviewBytes);
            var median = group.Select(r => r.PreviewBytes).Order().ElementAt(group.Count() / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {compress:0.00} | {previews:0.00} | {previews / compress:P1} | {previews / (compress + previews):P1} | {bytesOut / 1e6:0.0} MB | {previewBytes / 1e3:0} KB | {(double)previewBytes / bytesOut:P2} | {median / 1e3:0.0} KB |"));
        }
        return 0;
    }

    private static (string Format, double CompressMs, double PreviewMs, long BytesOut, long PreviewBytes)? Measure(
        ImageCompressor compressor, PreviewEncoder encoder, byte[] source)
    {
        var cpu = CpuClock.Start();
        CompressedImage image;
        try
        {
            image = compressor.Compress(source);
        }
        catch (ImageFailureException)
        {
            // a failed image has no previews
            return null;
        }
        var compressMs = cpu.Elapsed.TotalMilliseconds;
        cpu = CpuClock.Start();
        var sourcePreview = image.SourcePreview ?? encoder.Encode(source);
        var outputPreview = image.KeptSource ? sourcePreview : encoder.Encode(image.Content);
        var previewMs = cpu.Elapsed.TotalMilliseconds;
        return (image.Format.Name, compressMs, previewMs, image.Content.Length, sourcePreview.LongLength + outputPreview.LongLength);
    }
}
