using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Makes the small WebP the console draws a tile from: at most <see cref="ImageWorkerOptions.PreviewSize"/> pixels on
/// the longer side, auto-oriented, in sRGB, first frame only, alpha kept, no metadata. libvips' thumbnail shrinks a
/// JPEG or WebP while decoding it (the DCT and libwebp scale down on load), so a preview of a 24 MP photo decodes about
/// a sixty-fourth of its pixels; a PNG or GIF is decoded in one streaming pass. Only images the codec has already
/// decoded and checked against the size limits get here.
/// </summary>
public sealed class PreviewEncoder(int size, int quality)
{
    /// <summary>Fastest of libwebp's efforts that still uses its better filters; a tile is a few KB either way.</summary>
    private const int WebPEffort = 2;

    public byte[] Encode(ReadOnlyMemory<byte> image)
    {
        var buffer = VipsImageCodec.AsArray(image);
        using var thumbnail = Image.ThumbnailBuffer(buffer, size, height: size, size: Enums.Size.Down);
        return thumbnail.WebpsaveBuffer(q: quality, effort: WebPEffort, keep: Enums.ForeignKeep.None);
    }
}
