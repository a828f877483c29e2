namespace ImagePipeline.Contracts;

/// <summary>The reason codes an <see cref="ImageFailed"/> carries. Clients see them in the products API.</summary>
public static class ImageFailureReasons
{
    public const string Timeout = "timeout";
    public const string TooLarge = "too_large";
    public const string NotAnImage = "not_an_image";
    public const string UnsupportedFormat = "unsupported_format";
    public const string CorruptImage = "corrupt_image";
    public const string ConnectionFailed = "connection_failed";
    public const string InvalidUrl = "invalid_url";
    public const string TooManyRedirects = "too_many_redirects";
    public const string ProcessingFailed = "processing_failed";

    /// <summary>The image's request was cancelled before the image was started.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Decoding and encoding the image took longer than the worker's per-image budget (ImageWorker:MaxCodecTime).</summary>
    public const string TooComplex = "too_complex";

    /// <summary>The URL's host resolves to an address that is not fetched (loopback, private, link-local, …).</summary>
    public const string BlockedDestination = "blocked_destination";

    /// <summary><c>http_404</c>, <c>http_500</c>, … for a source that answered with a non-success status.</summary>
    public static string Http(int statusCode) => $"http_{statusCode}";
}
