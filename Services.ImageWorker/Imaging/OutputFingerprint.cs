using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// A short hash of everything that decides the bytes this worker writes for a source: the engine, the quality and PNG
/// rules, the preview settings, the limits that decide whether an image gets an output at all, the versions of the
/// libraries that encode, and <see cref="RuleVersion"/> for what the code itself does. An output made under another
/// fingerprint is never handed out again (<see cref="Contracts.SourceVersion.Fingerprint"/>): a change to any of these
/// makes every image anew. <c>ImageWorker:MaxCodecTime</c> is left out on purpose: it depends on the machine's load,
/// and an image that once made it within the budget has an output that is right.
/// </summary>
public sealed class OutputFingerprint
{
    /// <summary>
    /// Bump whenever a change to the code changes the bytes written for the same source and settings (an encoder
    /// parameter, the keep-the-source rule, preview making, metadata handling), so outputs of the old code are not reused.
    /// </summary>
    public const int RuleVersion = 1;

    public OutputFingerprint(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Description = Describe(options.Value);
        Value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Description)))[..16];
    }

    /// <summary>The fingerprint: 16 lower-case hex digits (64 bits of SHA-256).</summary>
    public string Value { get; }

    /// <summary>What was hashed, readable: logged so two workers with different fingerprints can be told apart.</summary>
    public string Description { get; }

    /// <summary>The canonical text of every input, in a fixed order, numbers in the invariant culture.</summary>
    public static string Describe(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = new (string Name, object Value)[]
        {
            ("rule", RuleVersion),
            ("codec", options.Codec),
            ("quality", $"half-away-from-zero,unknown={QualityRule.UnknownSourceQuality}"),
            ("png.palette", $"{PngRule.PaletteQuality},{PngRule.RetryPaletteQuality},z{PngRule.PaletteCompression},e{PngRule.QuantiserEffort}/{PngRule.LargeImageEffort}"),
            ("png.lossless", PngRule.LosslessCompression),
            ("png.min_ssim", options.PngMinSsim),
            ("png.undithered_mp", options.PngUnditheredMegapixels),
            ("preview.size", options.PreviewSize),
            ("preview.quality", options.PreviewQuality),
            ("max.bytes", options.MaxDownloadBytes),
            ("max.width", options.MaxImageWidth),
            ("max.height", options.MaxImageHeight),
            ("max.pixels", options.MaxImagePixels),
            ("max.frames", options.MaxFrames),
            ("libvips", $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}"),
            ("magick", MagickNET.Version),
        };
        return string.Join(';', parts.Select(part => $"{part.Name}={Convert.ToString(part.Value, CultureInfo.InvariantCulture)}"));
    }
}
