using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The check both engines make from the header alone, before any pixel memory is allocated: a decompression bomb is
/// refused as too_large in milliseconds.
/// </summary>
public static class DeclaredSize
{
    public static void Check(long width, long height, long frames, ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pixels = width * height;
        if (width > options.MaxImageWidth || height > options.MaxImageHeight || pixels > options.MaxImagePixels)
        {
            throw new ImageFailureException(ImageFailureReasons.TooLarge,
                $"the image is {width} × {height} pixels; at most {options.MaxImageWidth} × {options.MaxImageHeight} " +
                $"and {options.MaxImagePixels:N0} pixels are accepted (settings ImageWorker:MaxImageWidth, MaxImageHeight, MaxImagePixels).");
        }
        if (frames > options.MaxFrames)
        {
            throw new ImageFailureException(ImageFailureReasons.TooLarge,
                $"the animation has {frames} frames; at most {options.MaxFrames} are accepted (setting ImageWorker:MaxFrames).");
        }
    }
}
