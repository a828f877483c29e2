using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.Benchmarks.Images;

/// <summary>
/// The benchmark images: photo-like (TestImages' smooth colour fields plus grain), three seeds each so the codec does not
/// see one buffer over and over. JPEGs at quality 90 (the floor and the worker re-encode them at 45); PNG and WebP at 1 MP.
/// </summary>
public static class ImageSet
{
    public const int JpegQuality = 90;
    private const int Seeds = 3;

    /// <summary>A catalogue thumbnail-sized photo: the work it costs is the download, not the codec.</summary>
    public static BenchImage JpegSmall => Jpeg("jpeg-small", 480, 360);

    public static BenchImage Jpeg05 => Jpeg("jpeg-0.5mp", 816, 612);

    public static BenchImage Jpeg3 => Jpeg("jpeg-3mp", 2000, 1500);

    public static BenchImage Jpeg12 => Jpeg("jpeg-12mp", 4000, 3000);

    public static BenchImage Png1 => Make("png-1mp", "png", 1152, 864, "zlib level 6, adaptive filter",
        seed => TestImages.Png(1152, 864, zlibLevel: 6, seed));

    public static BenchImage WebP1 => Make("webp-1mp", "webp", 1152, 864, "lossy q90",
        seed => TestImages.WebP(1152, 864, JpegQuality, seed));

    public static IEnumerable<Func<BenchImage>> All => [() => Jpeg05, () => Jpeg3, () => Jpeg12, () => Png1, () => WebP1];

    /// <summary>The kind named as in the results (<c>jpeg-3mp</c>, <c>png-1mp</c>, …), generated only when asked for.</summary>
    public static BenchImage ByName(string name) => name switch
    {
        "jpeg-small" => JpegSmall,
        "jpeg-0.5mp" => Jpeg05,
        "jpeg-3mp" => Jpeg3,
        "jpeg-12mp" => Jpeg12,
        "png-1mp" => Png1,
        "webp-1mp" => WebP1,
        _ => throw new ArgumentException($"No benchmark image '{name}': jpeg-small, jpeg-0.5mp, jpeg-3mp, jpeg-12mp, png-1mp or webp-1mp.", nameof(name)),
    };

    private static BenchImage Jpeg(string name, int width, int height) =>
        Make(name, "jpeg", width, height, $"q{JpegQuality} 4:2:0", seed => TestImages.Jpeg(width, height, JpegQuality, seed));

    private static BenchImage Make(string name, string format, int width, int height, string encoding, Func<int, byte[]> generate) =>
        new(name, format, width, height, encoding, Enumerable.Range(1, Seeds).Select(generate).ToArray());
}
