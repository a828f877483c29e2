namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Recognises a format from its magic bytes, never from the URL or Content-Type. Whatever is not one of the four
/// formats (HTML, SVG, anything else ImageMagick could be talked into decoding) is refused before any decoder sees it.
/// </summary>
public static class ImageFormatDetector
{
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Gif87Magic => "GIF87a"u8;
    private static ReadOnlySpan<byte> Gif89Magic => "GIF89a"u8;
    private static ReadOnlySpan<byte> RiffMagic => "RIFF"u8;
    private static ReadOnlySpan<byte> WebPMagic => "WEBP"u8;

    /// <summary>The format <paramref name="content"/> starts with, or null when it is none of JPEG, PNG, GIF, WebP.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
        {
            return ImageFormat.Jpeg;
        }
        if (content.StartsWith(PngMagic))
        {
            return ImageFormat.Png;
        }
        if (content.StartsWith(Gif87Magic) || content.StartsWith(Gif89Magic))
        {
            return ImageFormat.Gif;
        }
        // RIFF, a 4-byte size, then the form type
        if (content.Length >= 12 && content.StartsWith(RiffMagic) && content.Slice(8, 4).SequenceEqual(WebPMagic))
        {
            return ImageFormat.WebP;
        }
        return null;
    }
}
