namespace ImagePipeline.Storage;

/// <summary>
/// The one way every store keeps a time: UTC Unix milliseconds. SQLite columns hold the integer, so comparisons and
/// ordering are integer ones; MongoDB holds a BSON date, which is the same milliseconds. Truncating before storing
/// (never rounding) makes a value used in a filter compare exactly with the one stored from the same instant.
/// </summary>
public static class StoredTime
{
    /// <summary>The time as UTC Unix milliseconds (sub-millisecond ticks are dropped).</summary>
    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The time as UTC Unix milliseconds, or null for no time.</summary>
    public static long? ToMillis(DateTimeOffset? time) => time is { } value ? ToMillis(value) : null;

    /// <summary>The stored milliseconds as a UTC time.</summary>
    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    /// <summary>The stored milliseconds as a UTC time, or null for no time.</summary>
    public static DateTimeOffset? FromMillis(long? millis) => millis is { } value ? FromMillis(value) : null;

    /// <summary>The time as a BSON date's value: a UTC <see cref="DateTime"/> truncated to milliseconds.</summary>
    public static DateTime ToBson(DateTimeOffset time) => FromMillis(ToMillis(time)).UtcDateTime;

    /// <summary>The time as a BSON date's value, or null for no time.</summary>
    public static DateTime? ToBson(DateTimeOffset? time) => time is { } value ? ToBson(value) : null;

    /// <summary>A BSON date's value as a UTC time; the driver may hand it back without a kind, and it is always UTC.</summary>
    public static DateTimeOffset FromBson(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);

    /// <summary>A BSON date's value as a UTC time, or null for no time.</summary>
    public static DateTimeOffset? FromBson(DateTime? time) => time is { } value ? FromBson(value) : null;

    /// <summary>
    /// A SQLite expression turning <paramref name="column"/>, holding a time the way the first releases stored it
    /// (.NET's round-trip text, <c>yyyy-MM-ddTHH:mm:ss.fffffffzzz</c> or <c>…Z</c>), into UTC Unix milliseconds. The
    /// seven fractional digits are cut to three (truncation, like <see cref="ToMillis(DateTimeOffset)"/>) and the offset
    /// is kept, so a non-zero offset converts too. A value that is already an integer and NULL pass through unchanged.
    /// </summary>
    /// <param name="column">a column name from the store's own schema, never input</param>
    public static string SqliteMillisFromRoundTripText(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        // julianday is a double: about 50 µs of resolution at today's dates, so round() lands on the exact millisecond
        return $"CASE WHEN typeof({column}) = 'text' "
            + $"THEN CAST(round((julianday(substr({column}, 1, 23) || substr({column}, 28)) - 2440587.5) * 86400000.0) AS INTEGER) "
            + $"ELSE {column} END";
    }
}
