using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.Waiting;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// One RabbitMQ node from Debian's package on its own <see cref="NetworkHost"/>, as on a machine of its own: named
/// <c>rmq@&lt;address&gt;</c> with long names (every namespace shares this machine's host name and <c>/etc/hosts</c>,
/// so a host name cannot tell the hosts apart), with its own epmd and its Erlang distribution on the host's address,
/// where its peers on the other hosts reach them, and clients at the same address (with the <c>guest</c> user allowed
/// from other hosts, as a real deployment's own user would be). Each host is a namespace of its own, so every node has
/// RabbitMQ's usual ports, all below the ephemeral range. The epmd is started here and stopped by its PID, and
/// <c>ERL_FLAGS=-start_epmd false</c> keeps every run from starting another; the node gets SIGTERM, then SIGKILL.
/// </summary>
public sealed class HostedRabbitMQNode : IAsyncDisposable
{
    public const int AmqpPort = 5672;
    public const int EpmdPort = 4369;
    private const int DistributionPort = 25672;
    private static readonly TimeSpan EpmdTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly RabbitMQNodeFiles _files;
    private readonly string _epmdLogPath;
    private Process? _epmd;
    private Process? _node;

    private HostedRabbitMQNode(NetworkHost host, RabbitMQNodeFiles files, string logDirectory)
    {
        Host = host;
        _files = files;
        LogPath = Path.Combine(logDirectory, $"rabbitmq-{host.Name}.log");
        _epmdLogPath = Path.Combine(logDirectory, $"epmd-{host.Name}.log");
    }

    public NetworkHost Host { get; }

    /// <summary>The Erlang node name, e.g. <c>rmq@192.0.2.19</c>.</summary>
    public string Name => $"rmq@{Host.Address}";

    /// <summary>The node's output, kept after the test for its reader.</summary>
    public string LogPath { get; }

    public bool IsRunning => _node is { HasExited: false };

    /// <summary>
    /// Starts the host's epmd and then the node with <paramref name="files"/>' cookie and configuration, its output in
    /// <paramref name="logDirectory"/>; returns without waiting for the node (<see cref="WaitUntilReadyAsync"/>).
    /// </summary>
    public static async Task<HostedRabbitMQNode> StartAsync(NetworkHost host, RabbitMQNodeFiles files, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(files);
        var node = new HostedRabbitMQNode(host, files, logDirectory);
        try
        {
            await node.RunAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync()
    {
        // the peers on other hosts ask this epmd for the node's distribution port; loopback is implied
        _epmd = Start(["epmd", "-port", Text(EpmdPort), "-address", Host.Address.ToString()], new Dictionary<string, string>(), _epmdLogPath);
        // the node fails at once if its epmd does not answer yet
        if (!await Eventually.WithinAsync(() => ListensAsync(Host.Address, EpmdPort), EpmdTimeout))
        {
            throw new TimeoutException($"the epmd on {Host} did not listen on {EpmdPort} within {EpmdTimeout.TotalSeconds:0} s");
        }
        var address = Host.Address.ToString();
        var environment = _files.NodeEnvironment(Name, address, AmqpPort, DistributionPort, $"-kernel inet_dist_use_interface {{{address.Replace('.', ',')}}}");
        environment["RABBITMQ_USE_LONGNAME"] = "true";
        _node = Start([RabbitMQCluster.ServerPath], environment, LogPath);
    }

    /// <summary>Waits until the node takes AMQP connections at its host's address.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) =>
        AmqpReadiness.WaitAsync(Host.Address, AmqpPort, timeout, () => IsRunning ? null : Tail(), $"the broker node on {Host}");

    /// <summary>Runs one of the broker's CLI tools on this node's host against this node, as its operator would; throws with its output unless it exits 0.</summary>
    public Task<string> CtlAsync(string tool, params string[] arguments) =>
        RabbitMQCli.RunAsync(Host.Exec, CliEnvironment(), Name, tool, arguments);

    /// <summary>What the CLI tools need on this host: the cluster's cookie and epmd port, and long names as the nodes have.</summary>
    public Dictionary<string, string> CliEnvironment()
    {
        var environment = _files.CliEnvironment();
        environment["RABBITMQ_USE_LONGNAME"] = "true";
        return environment;
    }

    // ip netns exec and the shell both exec: the PID held is the program's own
    private Process Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo(IpCommand.Path) { UseShellExecute = false, WorkingDirectory = _files.Root };
        foreach (var argument in Host.Exec.Skip(1).Concat(["/bin/sh", "-c", "exec \"$@\" >>\"$LOG\" 2>&1 </dev/null", "sh"]).Concat(command))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["LOG"] = logPath;
        return Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start on {Host}");
    }

    /// <summary>
    /// When the node closed a client connection from <paramref name="client"/> because its heartbeats stopped (the
    /// node logs the closing and, on the next line, "missed heartbeats from client"); null if it has not.
    /// </summary>
    public DateTimeOffset? MissedHeartbeatsFrom(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        string[] lines;
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (IOException)
        {
            return null;
        }
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            // "2026-12-06 05:40:12.805782+00:00 [error] <0.690.0> closing AMQP connection <0.690.0> (192.0.2.149:46018 -> …"
            if (lines[i].Contains("closing AMQP connection", StringComparison.Ordinal) && lines[i].Contains($"({client}:", StringComparison.Ordinal)
                && lines[i + 1].Contains("missed heartbeats from client", StringComparison.Ordinal)
                && DateTimeOffset.TryParse(lines[i][..32], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return at;
            }
        }
        return null;
    }

    private string Tail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static async Task<bool> ListensAsync(IPAddress address, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(address, port, attempt.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Name} on {Host.Name}";

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _node, _epmd })
        {
            if (process is not null)
            {
                await ErlangProcesses.EndAsync(process, StopGrace);
                process.Dispose();
            }
        }
        _node = null;
        _epmd = null;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
