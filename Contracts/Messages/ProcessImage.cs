namespace ImagePipeline.Contracts;

/// <summary>Download, compress and store one image.</summary>
public sealed record ProcessImage(Guid RequestId, Guid ImageId, string SourceUrl);
