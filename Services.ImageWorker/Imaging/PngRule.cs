using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// "50% quality" for PNG, in the meaning sharp's and pngquant's <c>quality</c> have: the image is quantised to a palette
/// of at most 256 colours (libimagequant, alpha kept, Floyd–Steinberg dithered) at quality <see cref="PaletteQuality"/>,
/// and that palette image is kept only when it is smaller than the source and its SSIM against the decoded source
/// (<see cref="Ssim"/>) is at least <see cref="ImageWorkerOptions.PngMinSsim"/>. Otherwise the image is written
/// losslessly at zlib level <see cref="LosslessCompression"/> with adaptive filtering. The levels are measured on the
/// real corpus (bench/RESULTS.md): on a 5120 × 2880 photo, a palette image at level 9 took 1.7 s more CPU than at 6 for
/// 0.4% fewer bytes; lossless, level 6 with adaptive filtering wrote 23% fewer bytes than without filtering for 1.7 s.
/// An alpha channel that is opaque everywhere is dropped first: the quantiser then has one channel less to match.
/// </summary>
public static class PngRule
{
    /// <summary>libimagequant's target quality: half of the best, as for the lossy formats.</summary>
    public const int PaletteQuality = 50;

    /// <summary>zlib level of a palette image.</summary>
    public const int PaletteCompression = 6;

    public const int LosslessCompression = 6;

    /// <summary>libimagequant's speed/quality trade (1 fastest … 10 slowest); 7 is its and sharp's default.</summary>
    public const int QuantiserEffort = 7;

    /// <summary>
    /// Writes <paramref name="pixels"/> (decoded, sRGB, in memory) by the rule; <paramref name="sourceLength"/> is the
    /// source's size in bytes.
    /// </summary>
    public static byte[] Encode(Image pixels, long sourceLength, double minSsim, CodecDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(deadline);

        using var opaque = WithoutOpaqueAlpha(pixels);
        var palette = opaque.PngsaveBuffer(
            palette: true, q: PaletteQuality, dither: 1.0, effort: QuantiserEffort,
            compression: PaletteCompression, filter: Enums.ForeignPngFilter.None, keep: Enums.ForeignKeep.None);
        deadline.ThrowIfExpired();
        if (palette.Length < sourceLength && IsCloseEnough(opaque, palette, minSsim))
        {
            return palette;
        }
        deadline.ThrowIfExpired();
        return WriteLossless(opaque);
    }

    private static Image WithoutOpaqueAlpha(Image pixels)
    {
        if (!pixels.HasAlpha())
        {
            return pixels.Copy();
        }
        using var alpha = pixels[pixels.Bands - 1];
        var opaqueValue = pixels.Format == Enums.BandFormat.Ushort ? ushort.MaxValue : byte.MaxValue;
        return alpha.Min() >= opaqueValue ? pixels.ExtractBand(0, pixels.Bands - 1) : pixels.Copy();
    }

    /// <summary>The lossless encoding of the rule.</summary>
    public static byte[] WriteLossless(Image pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return pixels.PngsaveBuffer(compression: LosslessCompression, filter: Enums.ForeignPngFilter.All, keep: Enums.ForeignKeep.None);
    }

    /// <summary>SSIM of the palette image against the pixels it was made from.</summary>
    public static double Similarity(Image pixels, byte[] palette)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var decoded = Image.PngloadBuffer(palette, access: Enums.Access.Sequential);
        // the palette image decodes with the same bands; a grey source may come back as RGB, so match them
        using var comparable = decoded.Bands == pixels.Bands ? decoded.Copy() : Match(decoded, pixels);
        using var reference = pixels.Format == Enums.BandFormat.Uchar ? pixels.Copy() : pixels.Cast(Enums.BandFormat.Uchar, shift: true);
        if (!reference.HasAlpha())
        {
            return Ssim.Compute(reference, comparable);
        }
        // premultiplied: the colour of a fully transparent pixel is invisible, and the quantiser rightly discards it
        using var premultipliedReference = reference.Premultiply();
        using var premultipliedCandidate = comparable.Premultiply();
        return Ssim.Compute(premultipliedReference, premultipliedCandidate);
    }

    private static bool IsCloseEnough(Image pixels, byte[] palette, double minSsim) => Similarity(pixels, palette) >= minSsim;

    private static Image Match(Image decoded, Image pixels)
    {
        using var colour = decoded.Colourspace(pixels.Interpretation == Enums.Interpretation.Bw || pixels.Interpretation == Enums.Interpretation.Grey16
            ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);
        if (colour.Bands == pixels.Bands)
        {
            return colour.Copy();
        }
        // one side has alpha and the other not: an opaque alpha is what the side without it means
        return colour.Bands < pixels.Bands ? colour.Bandjoin(255) : colour.ExtractBand(0, pixels.Bands);
    }
}
