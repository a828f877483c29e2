using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>One image and its result (<see cref="ImageOutcome.None"/> while it has none).</summary>
public sealed record ImageRecord
{
    public required Guid ImageId { get; init; }

    public required Guid RequestId { get; init; }

    /// <summary>The CSV row of its product.</summary>
    public required int RowNumber { get; init; }

    /// <summary>Its place among the product's image URLs, from 0.</summary>
    public required int Position { get; init; }

    public required string SourceUrl { get; init; }

    public required string Status { get; init; }

    public required ImageOutcome Outcome { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>On a release: what an earlier request of the same client made from this URL, for the worker to reuse.</summary>
    public ReusableOutput? Reusable { get; init; }
}
