using ImagePipeline.Contracts;
using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Turns libvips' errors into reason codes: memory running out is the process's, not the image's
/// (<see cref="CodecMemoryExhaustedException"/>); a blocked loader means a format we do not take; anything else it cannot
/// decode is corrupt. (Oversized images never get this far: <see cref="DeclaredSize"/> refuses them from the header.)
/// </summary>
public static class VipsFailures
{
    public static Exception Classify(VipsException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            || message.Contains("unable to allocate", StringComparison.OrdinalIgnoreCase))
        {
            return new CodecMemoryExhaustedException($"libvips ran out of memory ({Describe(message)}).", exception);
        }
        if (message.Contains("is blocked", StringComparison.OrdinalIgnoreCase))
        {
            return new ImageFailureException(ImageFailureReasons.UnsupportedFormat,
                $"this variant of the format cannot be decoded ({Describe(message)}).", innerException: exception);
        }
        return new ImageFailureException(ImageFailureReasons.CorruptImage,
            $"the image data could not be decoded ({Describe(message)}).", innerException: exception);
    }

    // NetVips prefixes its own context and libvips appends the error buffer line by line; the first libvips line says it
    private static string Describe(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 ? lines[1] : message.Trim();
    }
}
