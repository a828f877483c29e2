using System.Runtime.InteropServices;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The bytes to store and what they are. <see cref="KeptSource"/> is true when re-encoding did not make the image
/// smaller, so the source bytes are stored unchanged. <see cref="SourcePreview"/> is the source's preview when the
/// engine made it from its decoded pixels.
/// </summary>
public sealed record CompressedImage
{
    public required ReadOnlyMemory<byte> Content { get; init; }

    public required ImageFormat Format { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required int FrameCount { get; init; }

    public required int SourceQuality { get; init; }

    public required int OutputQuality { get; init; }

    public required bool KeptSource { get; init; }

    public byte[]? SourcePreview { get; init; }

    /// <summary>A read-only stream over <see cref="Content"/> without copying it.</summary>
    public Stream OpenRead() =>
        MemoryMarshal.TryGetArray(Content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(Content.ToArray(), writable: false);
}
