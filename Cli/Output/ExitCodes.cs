namespace ImagePipeline.Cli.Output;

/// <summary>What the process exits with, for scripts: a request's final status, or 1 for anything that went wrong.</summary>
public static class ExitCodes
{
    public const int Completed = 0;
    public const int Error = 1;
    public const int CompletedWithErrors = 2;
    public const int Failed = 3;
    public const int Cancelled = 4;

    /// <summary>The code for a request in <paramref name="status"/>; one still running is 0 (nothing went wrong yet).</summary>
    public static int ForStatus(string status) => status switch
    {
        "CompletedWithErrors" => CompletedWithErrors,
        "Failed" => Failed,
        "Cancelled" => Cancelled,
        _ => Completed,
    };
}
