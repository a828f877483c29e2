using System.Diagnostics;

namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>
/// A server process a fixture started and must stop: its output goes to a log file, and stopping asks politely
/// (SIGTERM), then kills it and anything it started.
/// </summary>
public sealed class OwnedProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;

    private OwnedProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Runs <paramref name="command"/> (after <paramref name="launchPrefix"/>, e.g. <c>ip netns exec NS</c>) with its output in <paramref name="logPath"/>.</summary>
    public static OwnedProcess Start(IReadOnlyList<string> launchPrefix, IReadOnlyList<string> command, string logPath)
    {
        ArgumentNullException.ThrowIfNull(launchPrefix);
        ArgumentNullException.ThrowIfNull(command);
        // exec: the shell becomes the server, so the PID we hold is the server's
        var shellCommand = $"exec {string.Join(' ', command.Select(Quote))} >{Quote(logPath)} 2>&1 </dev/null";
        var arguments = launchPrefix.Concat(["/bin/sh", "-c", shellCommand]).ToList();
        var start = new ProcessStartInfo(arguments[0]) { UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        return new OwnedProcess(process, logPath);
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string LogTail(int lines = 15)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(CancellationToken.None);
            }
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // it was never started or is already reaped
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
