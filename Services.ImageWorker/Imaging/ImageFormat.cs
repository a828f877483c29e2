using ImageMagick;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>The formats the worker accepts, named as <c>ImageProcessed.Format</c> reports them.</summary>
public sealed class ImageFormat
{
    public static readonly ImageFormat Jpeg = new("jpeg", "jpg", MagickFormat.Jpeg, isLossy: true);
    public static readonly ImageFormat Png = new("png", "png", MagickFormat.Png, isLossy: false);
    public static readonly ImageFormat Gif = new("gif", "gif", MagickFormat.Gif, isLossy: false);
    public static readonly ImageFormat WebP = new("webp", "webp", MagickFormat.WebP, isLossy: true);

    private ImageFormat(string name, string extension, MagickFormat magickFormat, bool isLossy)
    {
        Name = name;
        Extension = extension;
        MagickFormat = magickFormat;
        IsLossy = isLossy;
    }

    public string Name { get; }

    /// <summary>File extension of the stored output, without the dot.</summary>
    public string Extension { get; }

    public MagickFormat MagickFormat { get; }

    /// <summary>Lossy formats are re-encoded at half their quality; lossless ones are only recompressed.</summary>
    public bool IsLossy { get; }

    public override string ToString() => Name;
}
