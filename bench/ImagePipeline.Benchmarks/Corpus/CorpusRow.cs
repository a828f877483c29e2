using System.Globalization;

namespace ImagePipeline.Benchmarks.Corpus;

/// <summary>One image of a corpus run, as both sides (ours and sharp's) write it.</summary>
public sealed record CorpusRow(string Name, string Format, long BytesIn, long BytesOut, double CpuMs, double WallMs, string Outcome)
{
    public const string Header = "name\tformat\tbytes_in\tbytes_out\tcpu_ms\twall_ms\toutcome";

    public string ToTsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}\t{Format}\t{BytesIn}\t{BytesOut}\t{CpuMs:0.0}\t{WallMs:0.0}\t{Outcome}");

    public static IReadOnlyList<CorpusRow> Read(string path) =>
        File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(Parse).ToArray();

    private static CorpusRow Parse(string line)
    {
        var f = line.Split('\t');
        return new CorpusRow(f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture),
            double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture), f[6]);
    }
}
