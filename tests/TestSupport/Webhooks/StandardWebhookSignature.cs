using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.TestSupport.Webhooks;

/// <summary>A test's own reading of the Standard Webhooks signature (<c>v1,</c> + HMAC-SHA256 of <c>id.timestamp.body</c>), independent of the Notifier's code.</summary>
public static class StandardWebhookSignature
{
    public static bool IsValid(string secret, string? id, string? timestamp, string? signatureHeader, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (id is null || timestamp is null || signatureHeader is null)
        {
            return false;
        }
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return signatureHeader.Split(' ').Any(candidate => candidate == expected);
    }
}
