using System.Diagnostics;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>Runs iproute2's <c>ip</c> and waits for it; a failure throws with what it printed.</summary>
public static class IpCommand
{
    public const string Path = "/usr/sbin/ip";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string Run(params string[] arguments)
    {
        var (exitCode, output) = TryRun(arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited {exitCode}: {output}");
    }

    /// <summary>Runs <c>ip</c>, returning its exit code and output (stdout and stderr) instead of throwing.</summary>
    public static (int ExitCode, string Output) TryRun(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ip did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"ip {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
