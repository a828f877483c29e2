using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ImagePipeline.TestSupport.Images;

/// <summary>
/// Files that claim to be images and are not what they claim: decompression bombs, impossible dimensions, garbage
/// behind a magic number, markup that an unpinned decoder would happily interpret.
/// </summary>
public static class HostileImages
{
    private static readonly Lazy<byte[]> Bomb = new(() => PngBomb(50_000, 50_000));

    /// <summary>A genuine 50,000 × 50,000 black PNG (1 bit per pixel): ~300 KB that decodes to 2.5 gigapixels.</summary>
    public static byte[] PngBomb50k => Bomb.Value;

    /// <summary>
    /// A valid, fully decodable PNG of <paramref name="width"/> × <paramref name="height"/> black pixels at 1 bit per
    /// pixel: every row is zeros, which deflate squeezes about 1,000 to 1. The rows are streamed into the compressor,
    /// never held whole.
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            // each row: filter type 0, then width bits of zeros
            var row = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }
        var png = new MemoryStream();
        png.Write(PngSignature);
        WriteChunk(png, "IHDR", Ihdr(width, height, bitDepth: 1, colourType: 0));
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A small real PNG whose header (with a correct CRC) claims <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] PngDeclaringSize(int width, int height)
    {
        var png = TestImages.Png(64, 64);
        // signature (8), IHDR length (4), "IHDR" (4), then width and height, big-endian; the CRC covers type and data
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A hand-built GIF whose screen and only frame claim <paramref name="width"/> × <paramref name="height"/>, with one pixel of data.</summary>
    public static byte[] GifDeclaringSize(ushort width, ushort height)
    {
        var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(size, width);
        BinaryPrimitives.WriteUInt16LittleEndian(size[2..], height);
        // logical screen: size, a global colour table of 2 entries, background 0, no aspect ratio; then black and white
        gif.Write(size);
        gif.Write([0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]);
        // one frame at 0,0 of the same size, no local table; LZW minimum code size 2 and the data of a single pixel
        gif.Write([0x2C, 0x00, 0x00, 0x00, 0x00]);
        gif.Write(size);
        gif.Write([0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]);
        return gif.ToArray();
    }

    /// <summary>
    /// A hand-built animated GIF of <paramref name="frames"/> one-pixel frames: made without ImageMagick, whose frame
    /// limit may already be in force in the process that needs the file.
    /// </summary>
    public static byte[] GifWithFrames(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]);
        // loop forever
        gif.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
        for (var i = 0; i < frames; i++)
        {
            // 100 ms per frame, then a 1 × 1 frame of colour i % 2
            gif.Write([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]);
            gif.Write([0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
            gif.Write(i % 2 == 0 ? [0x02, 0x02, 0x44, 0x01, 0x00] : [0x02, 0x02, 0x4C, 0x01, 0x00]);
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>The JPEG magic number (and a JFIF marker) followed by random bytes.</summary>
    public static byte[] RandomBytesWithJpegMagic(int length = 64 * 1024, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        ReadOnlySpan<byte> magic = [0xFF, 0xD8, 0xFF, 0xE0];
        magic.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A login page, as a misconfigured CDN or an expired link serves it under an image's URL.</summary>
    public static byte[] Html { get; } = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action=\"/login\"><input name=\"user\"></form></body></html>\n");

    /// <summary>An SVG that, decoded, would read a local file: why the decoder is pinned to the detected format.</summary>
    public static byte[] Svg { get; } = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"64\" height=\"64\">" +
        "<image xlink:href=\"text:/etc/passwd\" width=\"64\" height=\"64\"/></svg>\n");

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Ihdr(int width, int height, byte bitDepth, byte colourType)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colourType;
        // compression, filter and interlace methods: 0
        return data;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    // PNG's CRC-32 (ISO 3309, reflected, polynomial 0xEDB88320)
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
