using System.Diagnostics;
using System.Globalization;
using System.Net;

using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// A RabbitMQ node from Debian's package on its own <see cref="NetworkHost"/>: clients reach it at the host's address
/// (with the <c>guest</c> user allowed from other hosts, as a real deployment's own user would be); its epmd and
/// Erlang distribution stay on the host's loopback. The epmd is started here and stopped by its PID, and
/// <c>ERL_FLAGS=-start_epmd false</c> keeps every run from starting another; the node gets SIGTERM, then SIGKILL.
/// </summary>
public sealed class HostedRabbitMQ : IAsyncDisposable
{
    public const int AmqpPort = 5672;
    private const string NodeName = "rmq@localhost";
    private const int EpmdPort = 4369;
    private const int DistributionPort = 25672;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly NetworkHost _host;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-hostedrmq-{Guid.NewGuid():N}");
    private Process? _epmd;
    private Process? _node;

    private HostedRabbitMQ(NetworkHost host) => _host = host;

    /// <summary>The node's output, kept after the test for its reader.</summary>
    public string LogPath => _root + "-node.log";

    /// <summary><c>ConnectionStrings:messaging</c> for a service on another host.</summary>
    public string ConnectionString => $"amqp://guest:guest@{_host.Address}:{AmqpPort}/";

    public static async Task<HostedRabbitMQ> StartAsync(NetworkHost host)
    {
        var broker = new HostedRabbitMQ(host);
        try
        {
            await broker.RunAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync()
    {
        var files = await RabbitMQNodeFiles.WriteAsync(_root, EpmdPort, RabbitMQNodeFiles.AnyHostConfiguration);
        _epmd = Start(["epmd", "-port", Text(EpmdPort), "-address", "127.0.0.1"], new Dictionary<string, string>(), Path.Combine(_root, "epmd.log"));
        var environment = files.NodeEnvironment(NodeName, _host.Address.ToString(), AmqpPort, DistributionPort, RabbitMQNodeFiles.LoopbackDistribution);
        // epmd answers within milliseconds; the node fails at once if it is not there yet
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        _node = Start([RabbitMQCluster.ServerPath], environment, LogPath);
        await AmqpReadiness.WaitAsync(_host.Address, AmqpPort, ReadyTimeout, () => _node is { HasExited: false } ? null : Tail(), $"the broker on {_host}");
    }

    // ip netns exec and the shell both exec: the PID held is the program's own
    private Process Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo(IpCommand.Path) { UseShellExecute = false, WorkingDirectory = _root };
        foreach (var argument in _host.Exec.Skip(1).Concat(["/bin/sh", "-c", "exec \"$@\" >>\"$LOG\" 2>&1 </dev/null", "sh"]).Concat(command))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["LOG"] = logPath;
        return Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start on {_host}");
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

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _node, _epmd })
        {
            if (process is not null)
            {
                await ErlangProcesses.EndAsync(process, TimeSpan.FromSeconds(15));
                process.Dispose();
            }
        }
        _node = null;
        _epmd = null;
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
