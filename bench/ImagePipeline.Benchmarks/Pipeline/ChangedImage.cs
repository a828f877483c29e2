using System.Buffers.Binary;
using System.Text;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// New bytes for an image that stay the same valid picture: a comment inserted where the format allows one (a JPEG
/// <c>COM</c> segment after SOI, a PNG <c>tEXt</c> chunk after IHDR). An origin serving them has a changed source under
/// the same URL, with bytes that appear nowhere else, as a shop's re-exported photo would.
/// </summary>
public static class ChangedImage
{
    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c;
    })];

    public static bool CanChange(string format) => format is "jpeg" or "png";

    /// <summary><paramref name="bytes"/> of <paramref name="format"/> with a comment naming <paramref name="edition"/> inserted.</summary>
    public static byte[] Of(byte[] bytes, string format, string edition)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = Encoding.ASCII.GetBytes($"resync edition {edition}");
        return format switch
        {
            "jpeg" => Insert(bytes, 2, [0xFF, 0xFE, .. BigEndian16(text.Length + 2), .. text]),
            // signature (8) + IHDR (length 4, type 4, data 13, CRC 4)
            "png" => Insert(bytes, 33, Chunk("tEXt", [.. "Comment"u8, 0, .. text])),
            _ => throw new ArgumentException($"Cannot change a {format} image in place.", nameof(format)),
        };
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] part) => [.. bytes.AsSpan(0, at), .. part, .. bytes.AsSpan(at)];

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), crc ^ 0xFFFFFFFFu);
        return chunk;
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];
}
