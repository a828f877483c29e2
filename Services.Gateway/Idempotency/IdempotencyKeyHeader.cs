using System.Text;
using Microsoft.Extensions.Primitives;

namespace ImagePipeline.Gateway.Idempotency;

/// <summary>
/// Reads the <c>Idempotency-Key</c> header (draft-ietf-httpapi-idempotency-key-header). The draft makes its value a
/// structured-field string, <c>"…"</c>; the bare form most clients send is accepted too. Either way the key is 1 to
/// 255 printable ASCII characters.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>
    /// False with the reason when the header is present but not a usable key; true otherwise, with the key or null when
    /// the header is absent.
    /// </summary>
    public static bool TryRead(StringValues values, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (values.Count == 0)
        {
            return true;
        }
        if (values.Count > 1)
        {
            error = $"Send one {Name} header, not {values.Count}.";
            return false;
        }

        var value = (values[0] ?? "").Trim(' ', '\t');
        var parsed = value.StartsWith('"') ? Unquote(value) : Bare(value);
        if (parsed is null)
        {
            error = $"The {Name} must be printable ASCII, bare or as a quoted string (\"…\" with \\\" and \\\\ escapes).";
            return false;
        }
        if (parsed.Length == 0)
        {
            error = $"The {Name} is empty.";
            return false;
        }
        if (parsed.Length > MaxLength)
        {
            error = $"The {Name} is {parsed.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }
        key = parsed;
        return true;
    }

    private static string? Bare(string value) => value.All(IsPrintable) ? value : null;

    // RFC 8941 sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE
    private static string? Unquote(string value)
    {
        if (value.Length < 2 || value[^1] != '"')
        {
            return null;
        }
        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (++i >= value.Length - 1 || value[i] is not ('"' or '\\'))
                {
                    return null;
                }
                c = value[i];
            }
            else if (c == '"' || !IsPrintable(c))
            {
                return null;
            }
            text.Append(c);
        }
        return text.ToString();
    }

    private static bool IsPrintable(char c) => c is >= ' ' and <= '~';
}
