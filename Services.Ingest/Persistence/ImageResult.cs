using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The outcome of one image, success or failure, as a worker reported it, and when it was recorded.</summary>
public sealed record ImageResult(Guid RequestId, Guid ImageId, bool Succeeded, ImageOutcome Outcome, DateTimeOffset CompletedAt)
{
    /// <summary>The source version a success was made from: remembered for the client's next request of the same URL.</summary>
    public SourceVersion? Source { get; init; }
}
