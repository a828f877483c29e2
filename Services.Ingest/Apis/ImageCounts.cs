namespace ImagePipeline.Ingest.Apis;

public sealed record ImageCounts(int Total, int Succeeded, int Failed, int Pending);
