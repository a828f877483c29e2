namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Finds the OS process of a service replica. The process ID in the AppHost's snapshot is the launcher DCP started
/// (<c>dotnet run --project … --no-build</c>); the service itself is that launcher's child. Killing the launcher
/// would leave the service running as an orphan, so faults are injected into the child, and only into it.
/// </summary>
public static class ServiceProcess
{
    public static int FindService(int launcherPid, string executableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(executableName);
        var children = Directory.GetDirectories($"/proc/{launcherPid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .Where(child => CommandLine(child).Contains(executableName, StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        return children.Length == 1
            ? children[0]
            : throw new InvalidOperationException(
                $"launcher {launcherPid} ({CommandLine(launcherPid)}) has {children.Length} child processes running {executableName}, not one.");
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }
}
