namespace ImagePipeline.Ingest.Persistence;

/// <summary>What a retry of the failed images did: the request afterwards (null if unknown) and the images it re-opened.</summary>
public sealed record RetryOutcome(RequestRecord? Request, int Reopened);
