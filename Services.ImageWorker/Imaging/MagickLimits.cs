using ImageMagick;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// ImageMagick's limits are unlimited by default and process-wide: a few hundred bytes declaring 50,000 × 50,000 pixels
/// would take minutes and gigabytes. These make such input fail in milliseconds instead. Part of the worker's
/// start-up step, <see cref="NativeImaging"/>.
/// </summary>
public static class MagickLimits
{
    public static void Apply(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // first: the policy binds only if ImageMagick has not run yet in this process
        MagickPolicy.Apply();
        ResourceLimits.Width = (ulong)options.MaxImageWidth;
        ResourceLimits.Height = (ulong)options.MaxImageHeight;
        ResourceLimits.Area = (ulong)options.MaxImagePixels;
        // ImageMagick refuses a list that reaches its limit: MaxFrames frames must still be allowed
        ResourceLimits.ListLength = (ulong)options.MaxFrames + 1;
        ResourceLimits.Memory = (ulong)CodecMemoryBudget.MagickMemoryBytes(options);
        // with a disk cache, an image over the memory budget pages to disk for minutes instead of failing
        ResourceLimits.Disk = 0;
    }
}
