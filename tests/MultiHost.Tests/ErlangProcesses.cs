using System.Diagnostics;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>Starting and ending the Erlang processes of a test broker: every one by its own PID, none left behind.</summary>
public static class ErlangProcesses
{
    /// <summary>
    /// Stops <paramref name="process"/> with SIGTERM and, if it has not exited within <paramref name="grace"/>, SIGKILL:
    /// a RabbitMQ node that lost its peers can hang on SIGTERM for over a minute.
    /// </summary>
    public static async Task EndAsync(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }
        Signal(process.Id, "TERM");
        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(killed.Token);
        }
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kill(1) did not start");
        kill.WaitForExit();
    }

    /// <summary>The PIDs of the processes whose command line contains <paramref name="text"/> (e.g. a test's own directory).</summary>
    public static IReadOnlyList<int> Mentioning(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile
            }
        }
        return found;
    }
}
