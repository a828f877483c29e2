using System.Globalization;

namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// The evaluation of a GET's preconditions as RFC 9110 prescribes it, for a test origin: <c>If-None-Match</c> with the
/// weak comparison (§13.1.2), and <c>If-Modified-Since</c> only when there is no <c>If-None-Match</c> (§13.2.2).
/// </summary>
public static class EntityTags
{
    /// <summary>
    /// Whether a GET with these headers is answered <c>304</c>: true when <paramref name="ifNoneMatch"/> is <c>*</c> or
    /// lists a tag that weakly matches <paramref name="currentETag"/>; without If-None-Match, when
    /// <paramref name="currentLastModified"/> is no later than a valid <paramref name="ifModifiedSince"/>.
    /// </summary>
    public static bool IsNotModified(string? ifNoneMatch, string? ifModifiedSince, string? currentETag, DateTimeOffset? currentLastModified)
    {
        if (!string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            if (ifNoneMatch.Trim() == "*")
            {
                // "*" matches any current representation, and this one exists
                return true;
            }
            return currentETag is not null && Parse(ifNoneMatch).Any(tag => WeakMatch(tag, currentETag));
        }
        if (ifModifiedSince is null || currentLastModified is not { } lastModified || HttpDate(ifModifiedSince) is not { } since)
        {
            return false;
        }
        // HTTP-dates have whole seconds: compare at that precision
        return Truncate(lastModified) <= since;
    }

    /// <summary>
    /// The weak comparison of §8.8.3.2: two entity-tags match when their opaque-tags are the same character for
    /// character, whether either or both are weak. A malformed tag matches nothing.
    /// </summary>
    public static bool WeakMatch(string a, string b) =>
        OpaqueTag(a) is { } left && OpaqueTag(b) is { } right && string.Equals(left, right, StringComparison.Ordinal);

    /// <summary>The strong comparison: both strong and the same opaque-tag.</summary>
    public static bool StrongMatch(string a, string b) => !IsWeak(a) && !IsWeak(b) && WeakMatch(a, b);

    public static bool IsWeak(string tag) => tag.TrimStart().StartsWith("W/", StringComparison.Ordinal);

    /// <summary>
    /// The entity-tags of an <c>If-None-Match</c> list. A comma may stand inside a tag's quotes (etagc allows it), so the
    /// list is split by the quotes, not by commas; what is not an entity-tag is left out.
    /// </summary>
    public static IReadOnlyList<string> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var tags = new List<string>();
        var i = 0;
        while (i < list.Length)
        {
            while (i < list.Length && (list[i] is ' ' or '\t' or ','))
            {
                i++;
            }
            if (i >= list.Length)
            {
                break;
            }
            var start = i;
            if (string.CompareOrdinal(list, i, "W/", 0, 2) == 0)
            {
                i += 2;
            }
            if (i < list.Length && list[i] == '"' && list.IndexOf('"', i + 1) is var close and > 0)
            {
                tags.Add(list[start..(close + 1)]);
                i = close + 1;
            }
            else
            {
                // not an entity-tag: skip to the next member
                var comma = list.IndexOf(',', i);
                i = comma < 0 ? list.Length : comma + 1;
            }
        }
        return tags;
    }

    /// <summary>The part between the quotes, or null when <paramref name="tag"/> is not <c>[W/]"…"</c> with valid etagc.</summary>
    private static string? OpaqueTag(string tag)
    {
        var value = tag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return null;
        }
        var opaque = value[1..^1];
        // etagc = %x21 / %x23-7E / obs-text: no quote, no space, no control
        return opaque.All(c => c == 0x21 || (c >= 0x23 && c != 0x7F)) ? opaque : null;
    }

    /// <summary>An HTTP-date (IMF-fixdate, or the obsolete forms), or null when it is none; a list of dates is none (§13.1.3).</summary>
    public static DateTimeOffset? HttpDate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] formats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"];
        return DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out var date) ? date : null;
    }

    /// <summary>A time as an HTTP-date (IMF-fixdate).</summary>
    public static string FormatHttpDate(DateTimeOffset time) => time.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
