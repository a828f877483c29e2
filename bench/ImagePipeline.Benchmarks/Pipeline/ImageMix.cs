using System.Globalization;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Shares of image kinds in a request, written <c>jpeg-0.5mp:55,jpeg-3mp:35,…</c>. A request of N images gets each
/// kind's share rounded so the counts add up to N, in a fixed shuffled order so big images are spread through it.
/// </summary>
public sealed class ImageMix
{
    private readonly IReadOnlyList<(BenchImage Image, double Share)> _parts;

    private ImageMix(IReadOnlyList<(BenchImage Image, double Share)> parts) => _parts = parts;

    public IEnumerable<BenchImage> Images => _parts.Select(p => p.Image);

    public static ImageMix Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var parts = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':'))
            .Select(p => (ImageSet.ByName(p[0]), p.Length > 1 ? double.Parse(p[1], CultureInfo.InvariantCulture) : 1.0))
            .ToArray();
        return parts.Any(p => p.Item2 <= 0) ? throw new ArgumentException($"Every share in '{spec}' must be positive.", nameof(spec)) : new ImageMix(parts);
    }

    /// <summary>How many of each kind a request of <paramref name="total"/> images holds (largest remainder rounding).</summary>
    public IReadOnlyList<(BenchImage Image, int Count)> Counts(int total)
    {
        var sum = _parts.Sum(p => p.Share);
        var exact = _parts.Select(p => (p.Image, Exact: total * p.Share / sum)).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e.Exact)).ToArray();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i].Exact - counts[i]).Take(total - counts.Sum()))
        {
            counts[i]++;
        }
        return [.. exact.Select((e, i) => (e.Image, counts[i]))];
    }

    /// <summary><paramref name="total"/> images in the mix's shares, in the same shuffled order every run.</summary>
    public IReadOnlyList<MixedImage> Draw(int total)
    {
        var images = Counts(total).SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new MixedImage(c.Image, i))).ToArray();
        new Random(20261128).Shuffle(images);
        return images;
    }

    public string Describe(int total) =>
        string.Join(", ", Counts(total).Where(c => c.Count > 0).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Count:N0} × {c.Image.Name} ({c.Image.Width}×{c.Image.Height} {c.Image.Format}, avg {c.Image.AverageBytes / 1024:N0} KB)")));
}
