namespace ImagePipeline.Contracts;

/// <summary>
/// The version of a source image an output was made from, and how it was made: what a later request of the same client
/// needs to ask the origin whether the source changed (RFC 9110 validators, sent back as received) and to tell whether
/// the output it would make is the one already stored.
/// </summary>
public sealed record SourceVersion
{
    /// <summary>The origin's <c>ETag</c>, strong or weak (<c>W/"…"</c>), as it sent it; null when it sent none.</summary>
    public string? ETag { get; init; }

    /// <summary>The origin's <c>Last-Modified</c>, as it sent it (an HTTP-date); null when it sent none.</summary>
    public string? LastModified { get; init; }

    /// <summary>SHA-256 of the source's bytes, lower-case hex.</summary>
    public required string ContentHash { get; init; }

    /// <summary>A hash of the compression rule and every setting that shapes the output: a different one makes everything anew.</summary>
    public required string Fingerprint { get; init; }
}
