using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker;

/// <summary>
/// This image cannot be processed: the consumer turns it into <see cref="ImageFailed"/> instead of letting the bus retry.
/// <see cref="IsTransient"/> marks download failures worth another attempt; the downloader retries those itself.
/// </summary>
public sealed class ImageFailureException(string reasonCode, string reason, bool isTransient = false, Exception? innerException = null)
    : Exception(reason, innerException)
{
    /// <summary>One of <see cref="ImageFailureReasons"/>.</summary>
    public string ReasonCode { get; } = reasonCode;

    public bool IsTransient { get; } = isTransient;

    /// <summary>How long the source asked us to wait before trying again (its Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The source asked us to slow down (<c>429</c>): waited out, not counted as a failed attempt.</summary>
    public bool IsThrottle { get; init; }
}
