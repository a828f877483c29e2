using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>One image and its result (<see cref="ImageOutcome.None"/> while it has none).</summary>
public sealed record ImageRecord(
    Guid ImageId,
    Guid RequestId,
    int RowNumber,
    int Position,
    string SourceUrl,
    string Status,
    ImageOutcome Outcome,
    DateTimeOffset? CompletedAt)
{
    /// <summary>On a release: what an earlier request of the same client made from this URL, for the worker to reuse.</summary>
    public ReusableOutput? Reusable { get; init; }
}
