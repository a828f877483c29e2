namespace ImagePipeline.Ingest.Dispatch;

/// <summary>One origin as dispatch sees it now: how many of its images may be out, and how often it has throttled.</summary>
public sealed record OriginState(string Origin, int Limit, long Throttled, DateTimeOffset? PausedUntil);
