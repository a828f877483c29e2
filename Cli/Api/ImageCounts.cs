namespace ImagePipeline.Cli.Api;

public sealed record ImageCounts(int Total, int Succeeded, int Failed, int Pending);
