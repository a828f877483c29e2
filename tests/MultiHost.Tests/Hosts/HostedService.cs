using System.Diagnostics;
using System.Net;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// One service run on a <see cref="NetworkHost"/> the way a user runs it on a machine of its own:
/// <c>dotnet &lt;dll&gt;</c> with its settings in the environment, listening on the host's address. Its console output
/// goes to a log file that outlives the test. Stopping sends SIGTERM, then SIGKILL.
/// </summary>
public sealed class HostedService : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    private readonly Process _process;

    private HostedService(string name, NetworkHost host, int port, Process process, string logPath)
    {
        Name = name;
        Host = host;
        Port = port;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }

    public NetworkHost Host { get; }

    public int Port { get; }

    public string LogPath { get; }

    public Uri BaseUri => new($"http://{Host.Address}:{Port}/");

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="binary"/> on <paramref name="host"/> at <paramref name="port"/> with
    /// <paramref name="settings"/> (configuration keys, <c>:</c> or <c>__</c>, as environment variables) and nothing
    /// else from the test's environment but what <c>dotnet</c> itself needs.
    /// </summary>
    public static HostedService Start(ServiceBinary binary, string name, NetworkHost host, int port, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(binary);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var start = new ProcessStartInfo(IpCommand.Path) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(binary.DllPath)! };
        foreach (var argument in host.Exec.Skip(1).Concat(["/bin/sh", "-c", "exec \"$@\" >>\"$LOG\" 2>&1 </dev/null", "sh", "dotnet", binary.DllPath]))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var variable in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { } value)
            {
                start.Environment[variable] = value;
            }
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["ASPNETCORE_URLS"] = $"http://{host.Address}:{port}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["LOG"] = logPath;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start on {host}");
        return new HostedService(name, host, port, process, logPath);
    }

    /// <summary>Waits until <c>/health</c> answers 200 (healthy or degraded).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} on {Host} exited ({_process.ExitCode}) before it was healthy:\n{LogTail()}");
            }
            try
            {
                using var response = await Probe.GetAsync(new Uri(BaseUri, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{Name} on {Host} was not healthy within {timeout.TotalSeconds:0} s (last: {last}):\n{LogTail()}");
    }

    public string Log()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public string LogTail(int lines = 30) => string.Join('\n', Log().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await ErlangProcesses.EndAsync(_process, StopGrace);
        _process.Dispose();
    }
}
