namespace ImagePipeline.AppHostSupport;

/// <summary>
/// The OS processes behind a service resource. The AppHost's snapshot names the launcher DCP started
/// (<c>dotnet run --project … --no-build --configuration …</c>); the service itself is that launcher's child: its memory
/// is the service's, and a fault is injected into it, never into the launcher (which would orphan the service).
/// </summary>
public static class ServiceProcesses
{
    public static int FindService(int launcherPid, string assemblyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyName);
        var children = Directory.GetDirectories($"/proc/{launcherPid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .Where(child => CommandLine(child).Contains(assemblyName, StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        return children.Length == 1
            ? children[0]
            : throw new InvalidOperationException(
                $"launcher {launcherPid} ({CommandLine(launcherPid)}) has {children.Length} child processes running {assemblyName}, not one.");
    }

    /// <summary>The value after <c>--configuration</c> (or <c>-c</c>) on a launcher's command line; null when it has none.</summary>
    public static string? Configuration(int launcherPid)
    {
        var arguments = Arguments(launcherPid);
        var at = Array.FindIndex(arguments, a => a is "--configuration" or "-c");
        return at >= 0 && at + 1 < arguments.Length ? arguments[at + 1] : null;
    }

    public static string CommandLine(int pid) => string.Join(' ', Arguments(pid));

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }
}
