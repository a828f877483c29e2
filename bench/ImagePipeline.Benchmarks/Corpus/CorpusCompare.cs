using System.Globalization;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>
/// <c>corpus-compare --ours ours.tsv --sharp sharp.tsv [--magick magick.tsv]</c>: the per-format table of one run,
/// as Markdown. Ratios are of totals over the images both sides processed (so a large image weighs as much as its CPU).
/// </summary>
public static class CorpusCompare
{
    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ours = CorpusRow.Read(options.String("ours", "corpus-vips.tsv"));
        var sharp = CorpusRow.Read(options.String("sharp", "corpus-sharp.tsv")).ToDictionary(r => r.Name);
        var magickPath = options.String("magick", "");
        var magick = magickPath.Length > 0 ? CorpusRow.Read(magickPath).ToDictionary(r => r.Name) : null;

        Console.WriteLine($"{ours.Count} images; ours = the vips engine, one image at a time, CPU of the whole process per image.");
        Console.WriteLine();
        Console.WriteLine("| format | images | CPU ours ÷ sharp (total) | per image: median, max | bytes out ours ÷ sharp | out ÷ in: ours, sharp | worst image CPU, ours (sharp) | outcomes (ours) |" + (magick is null ? "" : " Magick.NET CPU ÷ sharp, bytes ÷ sharp |"));
        Console.WriteLine("|---|---|---|---|---|---|---|---|" + (magick is null ? "" : "---|"));
        foreach (var group in ours.Where(r => sharp.ContainsKey(r.Name)).GroupBy(r => r.Format).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            var peers = rows.Select(r => sharp[r.Name]).ToArray();
            var perImage = rows.Select(r => r.CpuMs / Math.Max(0.1, sharp[r.Name].CpuMs)).Order().ToArray();
            var worst = rows.MaxBy(r => r.CpuMs)!;
            var outcomes = string.Join(", ", rows.GroupBy(r => r.Outcome.StartsWith('q') ? "re-encoded" : r.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {rows.Length} | {rows.Sum(r => r.CpuMs) / peers.Sum(r => r.CpuMs):0.00} | {perImage[perImage.Length / 2]:0.00}, {perImage[^1]:0.00} " +
                $"| {(double)rows.Sum(r => r.BytesOut) / peers.Sum(r => r.BytesOut):0.000} " +
                $"| {(double)rows.Sum(r => r.BytesOut) / rows.Sum(r => r.BytesIn):0.000}, {(double)peers.Sum(r => r.BytesOut) / peers.Sum(r => r.BytesIn):0.000} " +
                $"| {worst.CpuMs / 1000:0.00} s ({sharp[worst.Name].CpuMs / 1000:0.00} s) | {outcomes} |");
            if (magick is not null)
            {
                var theirs = rows.Where(r => magick.ContainsKey(r.Name)).ToArray();
                line += string.Create(CultureInfo.InvariantCulture,
                    $" {theirs.Sum(r => magick[r.Name].CpuMs) / theirs.Sum(r => sharp[r.Name].CpuMs):0.00}, {(double)theirs.Sum(r => magick[r.Name].BytesOut) / theirs.Sum(r => sharp[r.Name].BytesOut):0.000} |");
            }
            Console.WriteLine(line);
        }
        var slowest = ours.MaxBy(r => r.CpuMs)!;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- total CPU ours ÷ sharp: {ours.Where(r => sharp.ContainsKey(r.Name)).Sum(r => r.CpuMs) / ours.Where(r => sharp.ContainsKey(r.Name)).Sum(r => sharp[r.Name].CpuMs):0.00}; " +
            $"slowest single image (ours): {slowest.Name}, {slowest.CpuMs / 1000:0.00} s of CPU ({slowest.Format}, {slowest.BytesIn:N0} bytes, {slowest.Outcome})"));
        return 0;
    }
}
