namespace ImagePipeline.Ingest.Retention;

/// <summary>What a purge did, and the request's status when it was not purged for being still running.</summary>
public sealed record PurgeResult(PurgeOutcome Outcome, string? Status = null);
