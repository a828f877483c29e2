namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>The engines <c>ImageWorker:Codec</c> selects between.</summary>
public enum ImageCodecEngine
{
    /// <summary>libvips through NetVips: the faster one (bench/RESULTS.md) and the only one with a palette quantiser.</summary>
    Vips,

    /// <summary>ImageMagick through Magick.NET: the design's first codec, kept as the alternative.</summary>
    Magick,
}
