namespace ImagePipeline.Contracts;

/// <summary>
/// One image could not be processed; its <see cref="Outcome"/> carries the <see cref="ImageOutcome.ReasonCode"/> (one
/// of <see cref="ImageFailureReasons"/>), the client's reason and the worker's ID.
/// </summary>
public sealed record ImageFailed(Guid RequestId, Guid ImageId, ImageOutcome Outcome)
{
    /// <summary>How the download went at the image's origin; null when no download was tried (e.g. a cancelled request).</summary>
    public DownloadReport? Download { get; init; }
}
