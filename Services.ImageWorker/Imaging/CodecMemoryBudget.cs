namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// What the codec slots need at once, so that the memory images share is sized for them: every slot decoding an image
/// of <see cref="ImageWorkerOptions.MaxImagePixels"/> at <see cref="BytesPerPixel"/> (4 channels of 8 bits, twice: the
/// decoded image and the copy auto-orienting or converting it makes).
/// </summary>
public static class CodecMemoryBudget
{
    public const int BytesPerPixel = 8;

    /// <summary>CodecSlots × MaxImagePixels × <see cref="BytesPerPixel"/>.</summary>
    public static long Required(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return checked(options.CodecSlots * options.MaxImagePixels * BytesPerPixel);
    }

    /// <summary>ImageMagick's pixel-cache limit: the setting when given, else <see cref="Required"/>.</summary>
    public static long MagickMemoryBytes(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MagickMemoryBytes > 0 ? options.MagickMemoryBytes : Required(options);
    }

    /// <summary>True when an explicit limit still lets every slot hold its largest image.</summary>
    public static bool IsEnough(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MagickMemoryBytes == 0 || options.MagickMemoryBytes >= Required(options);
    }
}
