namespace ImagePipeline.Cli.Commands;

/// <summary><c>failed ID [-o FILE]</c>: the input rows whose images failed, with a Reason column.</summary>
public sealed class FailedCommand() : DownloadCommand("failed.csv");
