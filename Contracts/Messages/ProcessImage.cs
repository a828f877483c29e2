namespace ImagePipeline.Contracts;

/// <summary>Download, compress and store one image.</summary>
public sealed record ProcessImage(Guid RequestId, Guid ImageId, string SourceUrl)
{
    /// <summary>
    /// What an earlier request of the same client made from this URL, so the worker can ask the origin conditionally and
    /// reuse it; null for a URL not seen before, or when the request asked for a fresh run.
    /// </summary>
    public ReusableOutput? Reusable { get; init; }
}
