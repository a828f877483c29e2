using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Compresses one image, keeping its format, with the engine <c>ImageWorker:Codec</c> selects. The rules both engines
/// share live here: the format comes from the magic bytes (never the URL or Content-Type), the image gets at most
/// <see cref="ImageWorkerOptions.MaxCodecTime"/>, and the output is never larger than the input — when the re-encode is
/// not smaller, the source bytes are stored unchanged (then with their metadata, and with the source's quality reported
/// as the output's). The work is synchronous and CPU-bound; <see cref="CodecGate"/> bounds how many run at once.
/// </summary>
public sealed class ImageCompressor
{
    private readonly IImageCodec _codec;
    private readonly TimeSpan _maxCodecTime;

    public ImageCompressor(IImageCodec codec, IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(options);
        _codec = codec;
        _maxCodecTime = options.Value.MaxCodecTime;
    }

    public ImageCodecEngine Engine => _codec.Engine;

    /// <summary>Compresses <paramref name="source"/> or throws <see cref="ImageFailureException"/> saying why it cannot.</summary>
    public CompressedImage Compress(ReadOnlyMemory<byte> source)
    {
        var format = ImageFormatDetector.Detect(source.Span)
            ?? throw new ImageFailureException(ImageFailureReasons.NotAnImage,
                source.IsEmpty ? "the response was empty." : "the content is not a JPEG, PNG, GIF or WebP image.");

        using var deadline = new CodecDeadline(_maxCodecTime);
        var encoded = _codec.Encode(source, format, deadline);
        return encoded.Content.Length < source.Length
            ? new CompressedImage(encoded.Content, format, encoded.Width, encoded.Height, encoded.FrameCount,
                encoded.SourceQuality, encoded.OutputQuality, KeptSource: false)
            : new CompressedImage(source, format, encoded.Width, encoded.Height, encoded.FrameCount,
                encoded.SourceQuality, encoded.SourceQuality, KeptSource: true);
    }
}
