using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// "50% quality" for PNG, in the meaning sharp's and pngquant's <c>quality</c> have: the image is quantised to a palette
/// of at most 256 colours (libimagequant, alpha kept, Floyd–Steinberg dithered) at quality <see cref="PaletteQuality"/>,
/// and that palette image is kept only when it is smaller than the source and its SSIM against the decoded source
/// (<see cref="Ssim"/>) is at least <see cref="ImageWorkerOptions.PngMinSsim"/>. When it is smaller but not similar
/// enough, a palette at <see cref="RetryPaletteQuality"/> gets the same test (pngquant's quality range min–max: on the
/// real corpus it passes for most palettes quality 50 fails, at a third to a half of the lossless bytes). Otherwise the
/// image is written losslessly at zlib level <see cref="LosslessCompression"/> with adaptive filtering.
/// From <see cref="ImageWorkerOptions.PngUnditheredMegapixels"/> on, the palettes are made without dithering and at
/// quantiser effort <see cref="LargeImageEffort"/>: the dithered remap is libimagequant's single-threaded hot loop
/// (5–11 s of CPU on a 5120 × 2880 photo, ~2 s undithered), and on those photos it also wrote 2–5× the bytes for an SSIM
/// of 0.99 against 0.96–0.98 undithered (bench/RESULTS.md).
/// The zlib levels are measured on the real corpus: on a 5120 × 2880 photo, a palette image at level 9 took 1.7 s more
/// CPU than at 6 for 0.4% fewer bytes; lossless, level 6 with adaptive filtering wrote 23% fewer bytes than without
/// filtering for 1.7 s. An alpha channel that is opaque everywhere is dropped first: the quantiser then has one channel
/// less to match.
/// </summary>
public static class PngRule
{
    /// <summary>libimagequant's target quality: half of the best, as for the lossy formats.</summary>
    public const int PaletteQuality = 50;

    /// <summary>The second try's target quality, when the first palette is not similar enough.</summary>
    public const int RetryPaletteQuality = 90;

    /// <summary>zlib level of a palette image.</summary>
    public const int PaletteCompression = 6;

    public const int LosslessCompression = 6;

    /// <summary>libimagequant's speed/quality trade (1 fastest … 10 slowest); 7 is its and sharp's default.</summary>
    public const int QuantiserEffort = 7;

    /// <summary>The quantiser's effort for an image from <see cref="ImageWorkerOptions.PngUnditheredMegapixels"/> on.</summary>
    public const int LargeImageEffort = 1;

    /// <summary>
    /// Writes <paramref name="pixels"/> (decoded, sRGB, in memory) by the rule; <paramref name="sourceLength"/> is the
    /// source's size in bytes.
    /// </summary>
    public static byte[] Encode(Image pixels, long sourceLength, ImageWorkerOptions options, CodecDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deadline);

        using var opaque = WithoutOpaqueAlpha(pixels);
        var megapixels = opaque.Width * (double)opaque.Height / 1_000_000;
        var large = options.PngUnditheredMegapixels > 0 && megapixels >= options.PngUnditheredMegapixels;
        foreach (var quality in (int[])[PaletteQuality, RetryPaletteQuality])
        {
            var palette = WritePalette(opaque, quality, large);
            deadline.ThrowIfExpired();
            // a higher quality's palette is no smaller: past the source's size only lossless is left to try
            if (palette.Length >= sourceLength)
            {
                break;
            }
            if (Similarity(opaque, palette) >= options.PngMinSsim)
            {
                return palette;
            }
            deadline.ThrowIfExpired();
        }
        return WriteLossless(opaque);
    }

    /// <summary>A palette image at <paramref name="quality"/>, dithered unless the image is <paramref name="large"/>.</summary>
    public static byte[] WritePalette(Image pixels, int quality, bool large)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return pixels.PngsaveBuffer(
            palette: true, q: quality, dither: large ? 0.0 : 1.0, effort: large ? LargeImageEffort : QuantiserEffort,
            compression: PaletteCompression, filter: Enums.ForeignPngFilter.None, keep: Enums.ForeignKeep.None);
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
