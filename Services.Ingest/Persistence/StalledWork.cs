namespace ImagePipeline.Ingest.Persistence;

/// <summary>Work the reconciler found past its lease and claimed to re-drive in one sweep.</summary>
public sealed record StalledWork(IReadOnlyList<ImageRecord> Images, IReadOnlyList<RequestRecord> Requests);
