using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

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
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var config = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;
        await File.WriteAllTextAsync(Path.Combine(config, "rabbitmq.conf"), "loopback_users = none\ndisk_free_limit.absolute = 50MB\n");
        await File.WriteAllTextAsync(Path.Combine(config, "rabbitmq-env.conf"), "");
        await File.WriteAllTextAsync(Path.Combine(config, "enabled_plugins"), "[].");

        _epmd = Start(["epmd", "-port", Text(EpmdPort), "-address", "127.0.0.1"], new Dictionary<string, string>(), Path.Combine(_root, "epmd.log"));
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = _host.Address.ToString(),
            ["RABBITMQ_NODE_PORT"] = Text(AmqpPort),
            ["RABBITMQ_DIST_PORT"] = Text(DistributionPort),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = Path.Combine(_root, "node.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(config, "rabbitmq.conf"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(config, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(config, "enabled_plugins"),
            ["RABBITMQ_ALLOW_INPUT"] = "true",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-noinput -kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_PORT"] = Text(EpmdPort),
            ["ERL_FLAGS"] = "-start_epmd false",
        };
        // epmd answers within milliseconds; the node fails at once if it is not there yet
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        _node = Start([RabbitMQCluster.ServerPath], environment, LogPath);
        await WaitUntilReadyAsync();
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

    // ready when it answers the AMQP protocol header with a method frame (Connection.Start)
    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        byte[] header = [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, 0, 9, 1];
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_node is not { HasExited: false })
            {
                throw new InvalidOperationException($"the broker on {_host} exited before it was ready: {Tail()}");
            }
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                using var client = new TcpClient();
                await client.ConnectAsync(_host.Address, AmqpPort, attempt.Token);
                var stream = client.GetStream();
                await stream.WriteAsync(header, attempt.Token);
                var frame = new byte[1];
                if (await stream.ReadAsync(frame, attempt.Token) == 1 && frame[0] == 1)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the broker on {_host} was not ready within {ReadyTimeout.TotalSeconds:0} s: {Tail()}");
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
