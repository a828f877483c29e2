using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Access;

/// <summary>
/// The configured API keys, held only as SHA-256 digests. A presented key is hashed and compared with every digest in
/// constant time, so neither the comparison nor the position of a match in the list shows in the response time.
/// </summary>
public sealed class ApiKeyRing
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[][] _digests;

    public ApiKeyRing(IOptions<AccessOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _digests = [.. options.Value.ApiKeys.Select(Digest)];
    }

    /// <summary>True when API keys are configured, so callers must present one.</summary>
    public bool Enabled => _digests.Length > 0;

    /// <summary>The fingerprint of <paramref name="presented"/> when it is one of the keys, else null.</summary>
    public string? Identify(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var digest = Digest(presented);
        var matched = false;
        foreach (var known in _digests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(digest, known);
        }
        return matched ? Convert.ToHexStringLower(digest) : null;
    }

    /// <summary>What the gateway stores and partitions by instead of a key: the hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Fingerprint(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return Convert.ToHexStringLower(Digest(apiKey));
    }

    private static byte[] Digest(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
}
