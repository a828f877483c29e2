using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Makes the small WebP the console draws a tile from: at most <see cref="ImageWorkerOptions.PreviewSize"/> pixels on
/// the longer side, auto-oriented, in sRGB, first frame only, alpha kept, no metadata. libvips' thumbnail shrinks a
/// JPEG or WebP while decoding it (the DCT and libwebp scale down on load), so a preview of a 24 MP photo decodes about
/// a sixty-fourth of its pixels; a PNG or GIF is decoded in one streaming pass. The vips engine makes the source's
/// preview from the pixels it decoded to compress it (<see cref="Encode(Image)"/>), so only the output is decoded again.
/// Only images the codec has already decoded and checked against the size limits get here.
/// </summary>
public sealed class PreviewEncoder(int size, int quality)
{
    /// <summary>Fastest of libwebp's efforts that still uses its better filters; a tile is a few KB either way.</summary>
    private const int WebPEffort = 2;

    /// <summary>The encoder the settings ask for, or null when previews are off (<c>ImageWorker:PreviewSize</c> 0).</summary>
    public static PreviewEncoder? For(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PreviewSize > 0 ? new PreviewEncoder(options.PreviewSize, options.PreviewQuality) : null;
    }

    /// <summary>The preview of an encoded image: decoded again, shrinking on load where the format allows.</summary>
    public byte[] Encode(ReadOnlyMemory<byte> image)
    {
        var buffer = VipsImageCodec.AsArray(image);
        using var thumbnail = Image.ThumbnailBuffer(buffer, size, height: size, size: Enums.Size.Down);
        return Save(thumbnail);
    }

    /// <summary>The preview of pixels already decoded, oriented and in sRGB (the codec's, held in memory).</summary>
    public byte[] Encode(Image pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var thumbnail = pixels.ThumbnailImage(size, height: size, size: Enums.Size.Down, noRotate: true);
        return Save(thumbnail);
    }

    private byte[] Save(Image thumbnail) => thumbnail.WebpsaveBuffer(q: quality, effort: WebPEffort, keep: Enums.ForeignKeep.None);
}
