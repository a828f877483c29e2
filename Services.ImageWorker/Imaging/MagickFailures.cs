using ImageMagick;
using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Turns ImageMagick's errors into reason codes: a limit the image's own dimensions or frames hit is too_large, the
/// pixel cache running out is the process's memory (<see cref="CodecMemoryExhaustedException"/>), anything else it
/// cannot decode is corrupt.
/// </summary>
public static class MagickFailures
{
    public static Exception Classify(MagickException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // the declared size was within the limits (it is checked first), so the cache ran out because the
        // process-wide pixel cache is shared with the images decoding beside this one
        if (exception is MagickCacheErrorException || exception.Message.Contains("CacheResourcesExhausted", StringComparison.OrdinalIgnoreCase))
        {
            return new CodecMemoryExhaustedException($"ImageMagick's pixel cache is exhausted ({Describe(exception)}).", exception);
        }
        // libpng enforces the width and height limits itself: "Invalid IHDR data", after a warning that says why
        if (exception is MagickResourceLimitErrorException
            || exception.Message.Contains("ExceedsLimit", StringComparison.OrdinalIgnoreCase)
            || exception.RelatedExceptions.Any(related => related.Message.Contains("exceeds user limit", StringComparison.OrdinalIgnoreCase)))
        {
            return new ImageFailureException(ImageFailureReasons.TooLarge,
                $"the image exceeds the worker's decoding limits ({Describe(exception)}).", innerException: exception);
        }
        if (exception is MagickMissingDelegateErrorException)
        {
            return new ImageFailureException(ImageFailureReasons.UnsupportedFormat,
                $"this variant of the format cannot be decoded ({Describe(exception)}).", innerException: exception);
        }
        return new ImageFailureException(ImageFailureReasons.CorruptImage,
            $"the image data could not be decoded ({Describe(exception)}).", innerException: exception);
    }

    // ImageMagick appends "`' @ error/png.c/Function/123", which means nothing to a client
    private static string Describe(MagickException exception)
    {
        var message = exception.Message;
        var at = message.IndexOf(" `", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).Trim();
    }
}
