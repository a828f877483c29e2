namespace ImagePipeline.Ingest.Persistence;

/// <summary>What recording an image result did: whether it counted, and the request afterwards (null if unknown).</summary>
public sealed record ImageResultOutcome(bool Counted, RequestRecord? Request);
