namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>What an engine wrote, before <see cref="ImageCompressor"/> compares it with the source.</summary>
public sealed record EncodedImage(
    byte[] Content,
    int Width,
    int Height,
    int FrameCount,
    int SourceQuality,
    int OutputQuality);
