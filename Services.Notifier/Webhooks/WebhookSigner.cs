using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// Signs webhook bodies per Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, with
/// the key of the client the webhook is for, so no client can sign (forge) a webhook of another.
/// </summary>
public sealed class WebhookSigner(WebhookSigningKeys keys)
{
    /// <summary>The signature for <paramref name="clientId"/>'s receiver; null signs with the master key (API keys off).</summary>
    public string Sign(string? clientId, string messageId, long unixTimestamp, string body) =>
        Sign(keys.KeyFor(clientId), messageId, unixTimestamp, body);

    public static string Sign(ReadOnlySpan<byte> key, string messageId, long unixTimestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(body);

        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{unixTimestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
