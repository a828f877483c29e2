namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// How many images of one request may be out with the workers at once (<paramref name="Size"/>), how many may be out
/// per origin (<paramref name="Origins"/>: across every request, and of this request), and until when a release holds
/// before the reconciler sends the image again (<paramref name="LeaseUntil"/>).
/// </summary>
public sealed record DispatchWindow(int Size, IOriginLimits Origins, DateTimeOffset LeaseUntil);
