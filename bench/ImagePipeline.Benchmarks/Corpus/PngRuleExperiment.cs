using System.Globalization;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.ImageWorker.Imaging;
using NetVips;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>
/// <c>png-rule [--dir bench/corpus/files] [--only text] [--large-mp 8]</c>: the evidence behind the PNG rule's choices.
/// For every corpus PNG, one TSV row on stdout: the palette image at quality 50 dithered (the rule's first try) with
/// its bytes, SSIM against the source and CPU; when that palette fails SSIM 0.95, also the lossless encoding and a
/// palette at quality 90; and for images of at least <c>--large-mp</c> megapixels, the palette without dithering, at
/// quantiser effort 1, and both. Each cell is <c>bytes/ssim/cpu ms</c>, or <c>-</c> when not tried.
/// </summary>
public static class PngRuleExperiment
{
    private const double MinSsim = 0.95;

    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // the worker's libvips settings (one thread per image, no cache)
        _ = Compressors.Default();
        var only = options.String("only", "");
        var largeMegapixels = options.Double("large-mp", 8);
        var files = Directory.GetFiles(options.String("dir", "bench/corpus/files"), "*.png")
            .Where(f => Path.GetFileName(f).Contains(only, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine("name\tmp\tbytes_in\tq50\tlossless\tq90\tnodither\teffort1\tnodither_effort1");
        foreach (var file in files)
        {
            var source = File.ReadAllBytes(file);
            using var loaded = Image.PngloadBuffer(source);
            using var pixels = Prepare(loaded);
            var megapixels = pixels.Width * (double)pixels.Height / 1e6;
            var q50 = Palette(pixels, 50, 1.0, PngRule.QuantiserEffort);
            var refused = q50.Ssim < MinSsim;
            var large = megapixels >= largeMegapixels;
            string[] cells =
            [
                Path.GetFileName(file), megapixels.ToString("0.0", CultureInfo.InvariantCulture), source.Length.ToString(CultureInfo.InvariantCulture),
                q50.ToString(),
                refused ? Lossless(pixels).ToString() : "-",
                refused ? Palette(pixels, 90, 1.0, PngRule.QuantiserEffort).ToString() : "-",
                large ? Palette(pixels, 50, 0.0, PngRule.QuantiserEffort).ToString() : "-",
                large ? Palette(pixels, 50, 1.0, 1).ToString() : "-",
                large ? Palette(pixels, 50, 0.0, 1).ToString() : "-",
            ];
            Console.WriteLine(string.Join('\t', cells));
            Console.Out.Flush();
        }
        return 0;
    }

    private sealed record Trial(long Bytes, double Ssim, double CpuMs)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Bytes}/{Ssim:0.0000}/{CpuMs:0}");
    }

    private static Trial Palette(Image pixels, int quality, double dither, int effort)
    {
        var cpu = CpuClock.Start();
        var palette = pixels.PngsaveBuffer(palette: true, q: quality, dither: dither, effort: effort,
            compression: PngRule.PaletteCompression, filter: Enums.ForeignPngFilter.None, keep: Enums.ForeignKeep.None);
        var elapsed = cpu.Elapsed.TotalMilliseconds;
        return new Trial(palette.Length, PngRule.Similarity(pixels, palette), elapsed);
    }

    private static Trial Lossless(Image pixels)
    {
        var cpu = CpuClock.Start();
        var bytes = PngRule.WriteLossless(pixels);
        return new Trial(bytes.Length, 1, cpu.Elapsed.TotalMilliseconds);
    }

    // as the codec hands the rule its pixels: sRGB, in memory, an everywhere-opaque alpha dropped
    private static Image Prepare(Image loaded)
    {
        using var srgb = loaded.Contains("icc-profile-data") && loaded.Bands >= 3 ? loaded.IccTransform("srgb", embedded: true) : loaded.Copy();
        using var memory = srgb.CopyMemory();
        if (!memory.HasAlpha())
        {
            return memory.Copy();
        }
        using var alpha = memory[memory.Bands - 1];
        var opaque = memory.Format == Enums.BandFormat.Ushort ? ushort.MaxValue : byte.MaxValue;
        return alpha.Min() >= opaque ? memory.ExtractBand(0, memory.Bands - 1) : memory.Copy();
    }
}
