using System.Globalization;
using System.Text;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Where a page of the newest-first list ended: the last request's recording time and ID (the tie-breaker). Opaque to
/// clients: base64url of "ticks:id".
/// </summary>
public sealed record RequestCursor(DateTimeOffset RecordedAt, Guid RequestId)
{
    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes(
            $"{RecordedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{RequestId:N}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? text, out RequestCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 96)
        {
            return string.IsNullOrEmpty(text);
        }
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - base64.Length % 4) % 4), '=');
        var bytes = new byte[72];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(bytes, 0, written).Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }
        cursor = new RequestCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
