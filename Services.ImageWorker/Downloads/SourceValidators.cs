using System.Globalization;
using System.Text.RegularExpressions;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// An origin's validators for a source (RFC 9110 §8.8): its <c>ETag</c> and <c>Last-Modified</c>, kept exactly as it
/// sent them, since If-None-Match must repeat the tag character for character. Only well-formed values are kept, so
/// nothing a message or an origin carries can put a broken or oversized header on a request.
/// </summary>
public sealed partial record SourceValidators
{
    /// <summary>Longest validator kept; real ones are a hash or a date, far shorter.</summary>
    public const int MaxLength = 512;

    public static SourceValidators None { get; } = new(null, null);

    private SourceValidators(string? etag, string? lastModified)
    {
        ETag = etag;
        LastModified = lastModified;
    }

    /// <summary><c>"…"</c> or <c>W/"…"</c>; null when there is none.</summary>
    public string? ETag { get; }

    /// <summary>An HTTP-date; null when there is none.</summary>
    public string? LastModified { get; }

    public bool IsEmpty => ETag is null && LastModified is null;

    /// <summary>The validators among <paramref name="etag"/> and <paramref name="lastModified"/> that are well-formed.</summary>
    public static SourceValidators From(string? etag, string? lastModified)
    {
        var tag = etag?.Trim();
        var date = lastModified?.Trim();
        return new(
            tag is { Length: > 0 and <= MaxLength } && EntityTag().IsMatch(tag) ? tag : null,
            date is { Length: > 0 and <= MaxLength } && IsHttpDate(date) ? date : null);
    }

    private static bool IsHttpDate(string value) =>
        DateTimeOffset.TryParseExact(value, ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out _);

    // entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text
    [GeneratedRegex("^(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityTag();
}
