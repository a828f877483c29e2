namespace ImagePipeline.Contracts;

/// <summary>One image was compressed and stored under <see cref="OutputKey"/>.</summary>
public sealed record ImageProcessed(
    Guid RequestId,
    Guid ImageId,
    string OutputKey,
    string OutputUrl,
    long BytesIn,
    long BytesOut,
    int Width,
    int Height,
    string Format,
    int SourceQuality,
    int OutputQuality,
    string WorkerId);
