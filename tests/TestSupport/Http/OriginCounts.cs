namespace ImagePipeline.TestSupport.Http;

/// <summary>What a <see cref="ConditionalOrigin"/> answered, for one path or in total.</summary>
public sealed record OriginCounts
{
    public static OriginCounts Zero { get; } = new();

    /// <summary>Every request received, whatever the answer.</summary>
    public int Requests { get; init; }

    /// <summary>Requests that carried <c>If-None-Match</c> or <c>If-Modified-Since</c>.</summary>
    public int Conditional { get; init; }

    /// <summary><c>200</c> answers (with the body).</summary>
    public int Ok { get; init; }

    /// <summary><c>304 Not Modified</c> answers.</summary>
    public int NotModified { get; init; }

    /// <summary>Answers for an unknown name (<c>404</c>).</summary>
    public int NotFound { get; init; }

    /// <summary>Body bytes written, summed over all answers.</summary>
    public long BodyBytes { get; init; }
}
