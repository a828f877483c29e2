namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// Times as BSON dates: UTC milliseconds, the same precision as the SQLite store, truncated before storing so a value
/// used in a filter compares exactly like the one stored.
/// </summary>
internal static class MongoTimes
{
    public static DateTime ToBson(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime;

    public static DateTimeOffset FromBson(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);
}
