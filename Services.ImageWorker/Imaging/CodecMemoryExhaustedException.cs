namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The engine ran out of memory that images share (ImageMagick's process-wide pixel cache, or an allocation failing in
/// libvips) without the image having declared a size over the limits. Another image may be holding that memory, so it
/// is not the image's fault: <see cref="CodecGate"/> tries it again alone.
/// </summary>
public sealed class CodecMemoryExhaustedException(string message, Exception? innerException = null)
    : Exception(message, innerException);
