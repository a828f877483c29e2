namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// One request a <see cref="ConditionalOrigin"/> answered, in arrival order: its path, the validators it carried
/// (null when absent) and the answer.
/// </summary>
public sealed record OriginRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, int Status, long BodyBytes)
{
    /// <summary>Whether it carried <c>If-None-Match</c> or <c>If-Modified-Since</c>.</summary>
    public bool IsConditional => IfNoneMatch is not null || IfModifiedSince is not null;
}
