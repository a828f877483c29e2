using ImageMagick;
using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>Turns ImageMagick's errors into reason codes: a limit hit is too_large, anything else it cannot decode is corrupt.</summary>
public static class MagickFailures
{
    public static ImageFailureException Classify(MagickException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // libpng enforces the width and height limits itself: "Invalid IHDR data", after a warning that says why
        if (exception is MagickResourceLimitErrorException or MagickCacheErrorException
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
