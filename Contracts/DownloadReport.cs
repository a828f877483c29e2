namespace ImagePipeline.Contracts;

/// <summary>
/// How fetching one image went at its origin, as the worker saw it: what Ingest paces that origin by (it grows the
/// origin's concurrency while answers come quickly and cleanly, and cuts it on throttling and transient failures).
/// Carried beside the result, never stored with it.
/// </summary>
public sealed record DownloadReport
{
    /// <summary>The origin the image came from: <c>scheme://host:port</c> of its URL (redirects not followed).</summary>
    public required string Origin { get; init; }

    /// <summary>Requests made, retries included.</summary>
    public int Attempts { get; init; }

    /// <summary>Answers that asked us to slow down: <c>429</c> and <c>503</c>.</summary>
    public int Throttled { get; init; }

    /// <summary>Other transient failures: timeouts, refused or dropped connections, other 5xx.</summary>
    public int Failures { get; init; }

    /// <summary>Time from sending the request to the answer's headers, of the attempt that got the image; null when none did.</summary>
    public int? LatencyMs { get; init; }

    /// <summary>The longest <c>Retry-After</c> the origin asked for, if any.</summary>
    public int? RetryAfterMs { get; init; }

    /// <summary>Whether the origin answered cleanly: nothing throttled, nothing failed on the way.</summary>
    public bool Clean => Throttled == 0 && Failures == 0;
}
