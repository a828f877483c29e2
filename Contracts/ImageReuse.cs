namespace ImagePipeline.Contracts;

/// <summary>How an image's output came from work already done (<see cref="ImageOutcome.Reuse"/>); null when it was made for it.</summary>
public static class ImageReuse
{
    /// <summary>Another slot of the same request has the same source URL: that slot's result serves this one.</summary>
    public const string SameRequest = "same_request";

    /// <summary>The origin answered 304 Not Modified to a conditional request: nothing was downloaded or compressed.</summary>
    public const string NotModified = "not_modified";

    /// <summary>The origin sent the source again, with the same bytes as before: downloaded, not compressed.</summary>
    public const string SameBytes = "same_bytes";
}
