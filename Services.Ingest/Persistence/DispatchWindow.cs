namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// How many images of one request may be out with the workers at once (<paramref name="Size"/>), how many of those
/// may come from one origin host (<paramref name="PerHost"/>), and until when a release holds before the reconciler
/// sends the image again (<paramref name="LeaseUntil"/>).
/// </summary>
public sealed record DispatchWindow(int Size, int PerHost, DateTimeOffset LeaseUntil);
