using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// What makes two uploads the same payload: the CSV's bytes and the webhook URL, whatever the framing (multipart or a
/// text/csv body). The CSV's digest has a fixed length, so no CSV and URL pair hashes like another.
/// </summary>
public static class UploadFingerprint
{
    public static string Of(ReadOnlySpan<byte> csvSha256, string? webhookUrl)
    {
        if (csvSha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("Expected a SHA-256 digest of the CSV.", nameof(csvSha256));
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(csvSha256);
        hash.AppendData(Encoding.UTF8.GetBytes(webhookUrl ?? ""));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
