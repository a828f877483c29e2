using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Signs webhook bodies per Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
public sealed class WebhookSigner
{
    private readonly byte[] _key;

    public WebhookSigner(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.ToArray();
    }

    public string Sign(string messageId, long unixTimestamp, string body) => Sign(_key, messageId, unixTimestamp, body);

    public static string Sign(ReadOnlySpan<byte> key, string messageId, long unixTimestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(body);

        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{unixTimestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
