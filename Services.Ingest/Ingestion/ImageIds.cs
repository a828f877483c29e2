using System.Security.Cryptography;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Image IDs derived from the request ID and the image's place in the CSV, so reading the same upload twice (a
/// redelivered RequestSubmitted) names the same images and the worker's output keys stay the same.
/// </summary>
public static class ImageIds
{
    public static Guid For(Guid requestId, int rowNumber, int position)
    {
        Span<byte> input = stackalloc byte[24];
        requestId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], rowNumber);
        BitConverter.TryWriteBytes(input[20..], position);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) with the RFC variant, so the value reads as a well-formed UUID
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}
