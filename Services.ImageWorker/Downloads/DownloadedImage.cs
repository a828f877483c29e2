namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>A source image's bytes, read whole and within the size limit, and how many attempts it took.</summary>
public sealed record DownloadedImage(ReadOnlyMemory<byte> Content, string? ContentType, int Attempts);
