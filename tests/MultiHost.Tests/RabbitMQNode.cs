using System.Diagnostics;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>One node of a <see cref="RabbitMQCluster"/>: a private Erlang VM run from Debian's package.</summary>
public sealed class RabbitMQNode(string name, int amqpPort, int distributionPort)
{
    private Process? _process;

    /// <summary>The Erlang node name, e.g. <c>rmq1@localhost</c>.</summary>
    public string Name { get; } = name;

    public int AmqpPort { get; } = amqpPort;

    public int DistributionPort { get; } = distributionPort;

    public bool IsRunning => _process is { HasExited: false };

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>Starts the VM with the cluster's <paramref name="environment"/>; the launched PID is the VM itself.</summary>
    public void Start(IReadOnlyDictionary<string, string> environment, string root, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        var start = new ProcessStartInfo(RabbitMQCluster.ServerPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"rabbitmq-server for {Name} did not start");
        _process.OutputDataReceived += (_, line) => Write(log, line.Data);
        _process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Ends the node at once (SIGKILL): its peers and clients see it vanish, as when its machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(deadline.Token);
        }
    }

    /// <summary>Stops the node (SIGTERM, then SIGKILL after <paramref name="grace"/>) and forgets its process.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is { } process)
        {
            await ErlangProcesses.EndAsync(process, grace);
            process.Dispose();
            _process = null;
        }
    }

    private void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine($"[{Name}] {line}");
            }
        }
    }
}
