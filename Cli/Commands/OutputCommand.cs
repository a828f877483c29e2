namespace ImagePipeline.Cli.Commands;

/// <summary><c>output ID [-o FILE]</c>: the output CSV (the gateway answers 409 until it exists).</summary>
public sealed class OutputCommand() : DownloadCommand("output.csv");
