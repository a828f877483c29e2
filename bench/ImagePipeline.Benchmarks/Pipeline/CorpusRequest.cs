using System.Globalization;
using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// A request made of real corpus files (bench/corpus/files): the files in a fixed shuffled order, every file once
/// before any is taken twice, so a request of N images is the same N files in the same order on every run and
/// machine that has the same corpus, with JPEG, PNG and WebP mixed in the corpus's proportions and the large PNGs spread
/// through the request rather than bunched at one end.
/// </summary>
public sealed class CorpusRequest
{
    private CorpusRequest(IReadOnlyList<MixedImage> images, IReadOnlyList<BenchImage> files)
    {
        Images = images;
        Files = files;
    }

    /// <summary>The request's images in upload order (a file taken twice appears twice, under distinct URLs).</summary>
    public IReadOnlyList<MixedImage> Images { get; }

    /// <summary>The distinct files the request uses, each served as its own image kind.</summary>
    public IReadOnlyList<BenchImage> Files { get; }

    public static CorpusRequest Pick(string directory, int total)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        var paths = Directory.GetFiles(directory).Where(p => FormatOf(p) is not null).Order(StringComparer.Ordinal).ToArray();
        if (paths.Length == 0)
        {
            throw new InvalidOperationException($"No JPEG, PNG or WebP files in {directory}: run bench/corpus/fetch.sh first.");
        }
        new Random(20261203).Shuffle(paths);
        var chosen = paths.Take(total).ToArray();
        // the kind's name is its URL path segment, so a short index rather than the file's name
        var files = chosen.Select((path, i) => new BenchImage(
            string.Create(CultureInfo.InvariantCulture, $"c{i:000}"), FormatOf(path)!, 0, 0, Path.GetFileName(path), [File.ReadAllBytes(path)])).ToArray();
        var images = Enumerable.Range(0, total).Select(i => new MixedImage(files[i % files.Length], 0)).ToArray();
        return new CorpusRequest(images, files);
    }

    /// <summary>Images and megabytes per format, e.g. "57 jpeg (40.1 MB), 105 png (…)".</summary>
    public string Describe() =>
        string.Join(", ", Images.GroupBy(i => i.Image.Format).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"{g.Count()} {g.Key} ({g.Sum(i => (long)i.Bytes.Length) / 1e6:0.0} MB)")));

    private static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "jpeg",
        ".png" => "png",
        ".webp" => "webp",
        _ => null,
    };
}
