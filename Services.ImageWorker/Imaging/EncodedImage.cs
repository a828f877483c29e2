namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// What an engine wrote, before <see cref="ImageCompressor"/> compares it with the source. <see cref="SourcePreview"/>
/// is the source's preview when the engine made it from the pixels it had decoded anyway (<see cref="PreviewEncoder"/>).
/// </summary>
public sealed record EncodedImage(
    byte[] Content,
    int Width,
    int Height,
    int FrameCount,
    int SourceQuality,
    int OutputQuality)
{
    public byte[]? SourcePreview { get; init; }
}
