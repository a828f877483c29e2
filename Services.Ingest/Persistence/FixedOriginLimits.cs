namespace ImagePipeline.Ingest.Persistence;

/// <summary>The same limits for every origin: for store tests and callers without a pacer.</summary>
public sealed class FixedOriginLimits(int limit, int requestShare) : IOriginLimits
{
    public static FixedOriginLimits Unlimited { get; } = new(int.MaxValue, int.MaxValue);

    public int LimitOf(string origin) => limit;

    public int RequestShareOf(string origin) => requestShare;
}
