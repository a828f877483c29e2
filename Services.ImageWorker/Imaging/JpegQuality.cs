using ImageMagick;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The IJG-equivalent quality a JPEG was written at, estimated by ImageMagick from its quantisation tables in a
/// header-only read (~1 ms). libvips does not report it; this is where Magick.NET is the better tool.
/// </summary>
public static class JpegQuality
{
    /// <summary>The estimate, or 0 when there is none.</summary>
    public static int Estimate(ReadOnlySpan<byte> jpeg)
    {
        var info = new MagickImageInfo();
        info.Read(jpeg, new MagickReadSettings { Format = MagickFormat.Jpeg });
        return (int)info.Quality;
    }
}
