namespace ImagePipeline.Ingest.Persistence;

public sealed record NewImage(Guid ImageId, string SourceUrl);
