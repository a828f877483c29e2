using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// What makes two uploads the same payload: the CSV's bytes, the webhook URL and the
/// webhook events chosen, whatever the framing (multipart or a
/// text/csv body). The CSV's digest has a fixed length, so no CSV and URL pair hashes like another; the
/// URL and the events are separated by a byte no URL holds.
/// </summary>
public static class UploadFingerprint
{
    public static string Of(ReadOnlySpan<byte> csvSha256, string? webhookUrl, string? webhookEvents = null, bool fresh = false)
    {
        if (csvSha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("Expected a SHA-256 digest of the CSV.", nameof(csvSha256));
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(csvSha256);
        hash.AppendData(Encoding.UTF8.GetBytes(webhookUrl ?? ""));
        // absent for completion only, so an upload fingerprinted before events could be chosen keeps its fingerprint
        if (webhookEvents is not null)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(webhookEvents));
        }
        // likewise absent unless asked for
        if (fresh)
        {
            hash.AppendData([1]);
            hash.AppendData("fresh"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
