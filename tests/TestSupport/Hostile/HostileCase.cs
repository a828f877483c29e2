namespace ImagePipeline.TestSupport.Hostile;

/// <summary>
/// One hostile source: the URL a product names, what is behind it, and the outcome the system must report for it.
/// </summary>
/// <param name="Name">Short and unique, e.g. <c>slow-body</c>.</param>
/// <param name="Url">The image URL to put in a CSV or a ProcessImage message.</param>
/// <param name="ExpectedReason">The image's reason code, or null when the image must be processed.</param>
/// <param name="ExpectedRequests">Requests the source must see (retries included), when that is part of the case.</param>
/// <param name="Route">The <see cref="RawHttpServer"/> route serving it, or null for a URL nothing on that server answers.</param>
/// <param name="What">What the source does, for the test's output.</param>
public sealed record HostileCase(string Name, string Url, string? ExpectedReason, int? ExpectedRequests, string? Route, string What)
{
    public const string Succeeded = "succeeded";

    public bool ShouldSucceed => ExpectedReason is null;

    /// <summary>The expected reason code, or <see cref="Succeeded"/>.</summary>
    public string Expected => ExpectedReason ?? Succeeded;

    public override string ToString() => Name;
}
