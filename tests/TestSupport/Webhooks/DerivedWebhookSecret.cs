using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.TestSupport.Webhooks;

/// <summary>
/// A test's own reading of how a client's webhook secret follows from the master secret and its API key, written out
/// from the documented formula and independent of the services' code: HMAC-SHA256(master key,
/// <c>"imagepipeline/webhook-secret/v1:" + lower-case hex SHA-256 of the API key</c>), as <c>whsec_</c> + base64.
/// </summary>
public static class DerivedWebhookSecret
{
    public static string Of(string masterSecret, string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(masterSecret);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var master = Convert.FromBase64String(masterSecret["whsec_".Length..]);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        return "whsec_" + Convert.ToBase64String(HMACSHA256.HashData(master, Encoding.ASCII.GetBytes("imagepipeline/webhook-secret/v1:" + fingerprint)));
    }

    /// <summary>The fingerprint the gateway puts on the messages for <paramref name="apiKey"/>.</summary>
    public static string FingerprintOf(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }
}
