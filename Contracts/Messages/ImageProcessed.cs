namespace ImagePipeline.Contracts;

/// <summary>
/// One image was compressed and stored under <see cref="ImageOutcome.OutputKey"/>: its <see cref="Outcome"/> is the
/// one result type ingest stores and the API answers with, so a new measurement is added once, in ImageOutcome.
/// </summary>
public sealed record ImageProcessed(Guid RequestId, Guid ImageId, ImageOutcome Outcome)
{
    /// <summary>How the download went at the image's origin; null when no download was tried (e.g. a cancelled request).</summary>
    public DownloadReport? Download { get; init; }

    /// <summary>The source version the output was made from (also when reused): what Ingest remembers for the client's next request.</summary>
    public SourceVersion? Source { get; init; }
}
