namespace ImagePipeline.Contracts;

/// <summary>
/// An origin just asked a worker to slow down (a <c>429</c> or <c>503</c>), said at once rather than with the image's
/// result, which may come only after the wait: Ingest cuts the origin's concurrency before it releases more of its images.
/// </summary>
public sealed record OriginThrottled(DownloadReport Report);
