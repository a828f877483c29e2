using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// What a receiver does with a Standard Webhooks request: recompute the signature and accept it if any <c>v1</c> entry
/// of the <c>webhook-signature</c> header matches and the timestamp is recent. Used by tests and as a reference for clients.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeSpan _tolerance;

    public WebhookSignatureVerifier(string secret, TimeSpan? tolerance = null)
    {
        _key = WebhookSecret.Parse(secret);
        _tolerance = tolerance ?? DefaultTolerance;
    }

    public bool Verify(string? messageId, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }
        // a stale timestamp means a replayed request, whatever its signature
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > (long)_tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(WebhookSigner.Sign(_key, messageId, timestamp, body));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
            {
                return true;
            }
        }
        return false;
    }
}
