namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// One decoding and encoding engine behind <see cref="ImageCompressor"/>: it checks the declared size against the
/// limits before any pixel is decoded, decodes with the decoder pinned to <c>format</c>, auto-orients, converts to sRGB,
/// strips metadata and re-encodes by the format's rule. It throws <see cref="ImageFailureException"/> for an image it
/// cannot process, and <see cref="CodecMemoryExhaustedException"/> when the process, not the image, ran out of memory.
/// </summary>
public interface IImageCodec
{
    /// <summary>The engine's setting value (<c>ImageWorker:Codec</c>).</summary>
    ImageCodecEngine Engine { get; }

    EncodedImage Encode(ReadOnlyMemory<byte> source, ImageFormat format, CodecDeadline deadline);
}
