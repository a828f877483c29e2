using System.Diagnostics;
using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>
/// <c>corpus --engine vips|magick --dir bench/corpus/files --out ours.tsv [--only text] [--png-min-ssim 0.95]
/// [--png-undithered-mp 10]</c> (<c>--only</c>: the files whose name contains it; the others: the PNG rule's settings): compresses every file of the real corpus
/// once, one at a time (one image per core: CPU per image is the figure, and nothing else runs in the process), and
/// writes one TSV row per image: name, format, bytes in, bytes out, CPU ms, wall ms, outcome. The sharp side writes the
/// same columns (bench/sharp/compress.mjs); <see cref="CorpusCompare"/> puts them side by side.
/// </summary>
public static class CorpusRun
{
    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = Enum.Parse<ImageCodecEngine>(options.String("engine", "vips"), ignoreCase: true);
        var directory = options.String("dir", "bench/corpus/files");
        var defaults = new ImageWorkerOptions();
        var compressor = Compressors.For(engine, options.Double("png-min-ssim", defaults.PngMinSsim),
            options.Double("png-undithered-mp", defaults.PngUnditheredMegapixels));
        var only = options.String("only", "");
        var files = Directory.GetFiles(directory).Where(f => Path.GetFileName(f).Contains(only, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        // warm: the first image pays for loading the native libraries
        Warm(compressor, files[0]);

        using var writer = new StreamWriter(options.String("out", $"corpus-{engine}.tsv".ToLowerInvariant()));
        writer.WriteLine(CorpusRow.Header);
        foreach (var file in files)
        {
            var source = File.ReadAllBytes(file);
            var cpu = CpuClock.Start();
            var wall = Stopwatch.StartNew();
            string outcome;
            long bytesOut;
            string format;
            try
            {
                var result = compressor.Compress(source);
                (outcome, bytesOut, format) = (result.KeptSource ? "kept" : Describe(result), result.Content.Length, result.Format.Name);
            }
            catch (ImageFailureException failure)
            {
                (outcome, bytesOut, format) = (failure.ReasonCode, source.Length, Path.GetExtension(file).TrimStart('.'));
            }
            var row = new CorpusRow(Path.GetFileName(file), format, source.Length, bytesOut, cpu.Elapsed.TotalMilliseconds, wall.Elapsed.TotalMilliseconds, outcome);
            writer.WriteLine(row.ToTsv());
            Console.Error.WriteLine(row.ToTsv());
        }
        return 0;
    }

    private static void Warm(ImageCompressor compressor, string file)
    {
        try
        {
            compressor.Compress(File.ReadAllBytes(file));
        }
        catch (ImageFailureException)
        {
            // only the libraries' loading mattered
        }
    }

    // a PNG says whether the rule kept the palette (IHDR colour type 3)
    private static string Describe(CompressedImage result) =>
        result.Format == ImageFormat.Png
            ? (result.Content.Span[25] == 3 ? "palette" : "lossless")
            : string.Create(CultureInfo.InvariantCulture, $"q{result.OutputQuality}");
}
