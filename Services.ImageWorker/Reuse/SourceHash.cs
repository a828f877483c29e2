using System.Security.Cryptography;

namespace ImagePipeline.ImageWorker.Reuse;

/// <summary>The hash a source's bytes are recognised by (<see cref="Contracts.SourceVersion.ContentHash"/>): SHA-256, lower-case hex.</summary>
public static class SourceHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether two hashes are the same; hex case aside, since a sender may spell it in capitals.</summary>
    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
