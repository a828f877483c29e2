using System.Diagnostics.CodeAnalysis;

namespace ImagePipeline.Outbound.Webhooks;

/// <summary>
/// Reads and writes a Standard Webhooks secret: <c>whsec_</c> followed by base64 of the key bytes. Shared because the
/// Notifier signs with these keys and the gateway hands each client its own.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    // the Standard Webhooks spec asks for keys between 24 and 64 bytes
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;

    /// <summary>The key bytes of <paramref name="secret"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static byte[] Parse(string? secret) =>
        TryParse(secret, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>The <c>whsec_</c> form of <paramref name="key"/>.</summary>
    public static string Format(ReadOnlySpan<byte> key)
    {
        if (key.Length is < MinKeyBytes or > MaxKeyBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Length, $"A signing key must be {MinKeyBytes} to {MaxKeyBytes} bytes.");
        }
        return Prefix + Convert.ToBase64String(key);
    }

    public static bool TryParse(string? secret, [NotNullWhen(true)] out byte[]? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(secret))
        {
            error = $"the signing secret is missing; set it to '{Prefix}' followed by base64 of {MinKeyBytes} to {MaxKeyBytes} random bytes.";
            return false;
        }
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"the signing secret must start with '{Prefix}'.";
            return false;
        }

        var encoded = secret[Prefix.Length..];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            error = $"the part after '{Prefix}' is not valid base64.";
            return false;
        }
        if (length is < MinKeyBytes or > MaxKeyBytes)
        {
            error = $"the signing key is {length} bytes; it must be {MinKeyBytes} to {MaxKeyBytes}.";
            return false;
        }

        key = buffer[..length];
        error = null;
        return true;
    }
}
