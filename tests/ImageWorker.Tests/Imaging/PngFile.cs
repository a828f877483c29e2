namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>What a PNG's header says, read from the bytes rather than through a decoder.</summary>
internal static class PngFile
{
    public const byte Truecolour = 2;
    public const byte Palette = 3;
    public const byte TruecolourAlpha = 6;

    /// <summary>IHDR's colour type: the 8-byte signature, the chunk's length and type, width, height, bit depth, then it.</summary>
    public static byte ColourType(ReadOnlySpan<byte> png) => png[25];

    /// <summary>True when the file has a tRNS chunk (a palette's transparency).</summary>
    public static bool HasTransparencyChunk(ReadOnlySpan<byte> png) => png.IndexOf("tRNS"u8) >= 0;
}
