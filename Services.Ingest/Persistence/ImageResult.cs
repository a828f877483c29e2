using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The outcome of one image, success or failure, as a worker reported it, and when it was recorded.</summary>
public sealed record ImageResult(Guid RequestId, Guid ImageId, bool Succeeded, ImageOutcome Outcome, DateTimeOffset CompletedAt);
