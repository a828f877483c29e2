namespace ImagePipeline.Ingest.Persistence;

/// <summary>How many of a request's images succeeded and failed.</summary>
public sealed record ResultCounts(int Succeeded, int Failed);
