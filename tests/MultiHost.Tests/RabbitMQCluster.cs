using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>
/// A RabbitMQ cluster of private nodes from Debian's package on loopback, started and ended by the test: one Erlang
/// cookie (one <c>HOME</c>), one epmd of its own (started and stopped here by its PID), every port below 32768, and
/// <c>ERL_FLAGS=-start_epmd false</c> for the nodes and every CLI run so that nothing ever starts an epmd daemon.
/// Nothing it started outlives <see cref="DisposeAsync"/>, which fails if anything did.
/// </summary>
public sealed class RabbitMQCluster : IAsyncDisposable
{
    public const string ServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-cluster-{Guid.NewGuid():N}");
    private readonly string _logPath;
    private readonly int _epmdPort;
    private readonly StreamWriter _log;
    private RabbitMQNodeFiles? _files;
    private Process? _epmd;

    private RabbitMQCluster(int size)
    {
        var ports = LowPorts.Take(1 + (2 * size));
        _epmdPort = ports[0];
        Nodes = [.. Enumerable.Range(0, size).Select(i => new RabbitMQNode($"rmq{i + 1}@localhost", ports[1 + (2 * i)], ports[2 + (2 * i)]))];
        Directory.CreateDirectory(_root);
        _logPath = _root + ".log";
        _log = new StreamWriter(_logPath) { AutoFlush = true };
    }

    public IReadOnlyList<RabbitMQNode> Nodes { get; }

    /// <summary>Every node's output, kept after the test for its reader.</summary>
    public string LogPath => _logPath;

    /// <summary><c>ConnectionStrings:messaging</c> naming every node, in the project's cluster form.</summary>
    public string ConnectionString =>
        $"amqp://guest:guest@{string.Join(',', Nodes.Select(node => $"127.0.0.1:{node.AmqpPort}"))}/";

    /// <summary>Starts <paramref name="size"/> nodes at once, then joins the others to the first.</summary>
    public static async Task<RabbitMQCluster> StartAsync(int size)
    {
        var cluster = new RabbitMQCluster(size);
        try
        {
            await cluster.StartNodesAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartNodesAsync()
    {
        var files = _files = await RabbitMQNodeFiles.WriteAsync(_root, _epmdPort, RabbitMQNodeFiles.LoopbackConfiguration);
        _epmd = Process.Start(new ProcessStartInfo("epmd", ["-port", Text(_epmdPort), "-address", "127.0.0.1"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("epmd did not start");
        await WaitForListenerAsync(_epmdPort, "epmd");

        foreach (var node in Nodes)
        {
            node.Start(files.NodeEnvironment(node.Name, "127.0.0.1", node.AmqpPort, node.DistributionPort, RabbitMQNodeFiles.LoopbackDistribution), _root, _log);
        }
        await Task.WhenAll(Nodes.Select(WaitUntilReadyAsync));
        foreach (var node in Nodes.Skip(1))
        {
            await CtlAsync(node, "rabbitmqctl", "stop_app");
            await CtlAsync(node, "rabbitmqctl", "join_cluster", Nodes[0].Name);
            await CtlAsync(node, "rabbitmqctl", "start_app");
            await WaitUntilReadyAsync(node);
        }
    }

    /// <summary>
    /// The running node that leads quorum queue <paramref name="queue"/>, as <c>rabbitmq-queues quorum_status</c> says;
    /// asked again for up to <paramref name="timeout"/> while an election is under way.
    /// </summary>
    public async Task<RabbitMQNode> LeaderOfAsync(string queue, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var output = "";
        while (clock.Elapsed < timeout)
        {
            var asked = Nodes.First(node => node.IsRunning);
            output = await CtlAsync(asked, "rabbitmq-queues", "quorum_status", queue, "--formatter", "json");
            if (LeaderIn(output) is { IsRunning: true } leader)
            {
                return leader;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no running node led {queue} within {timeout.TotalSeconds:0} s; last quorum_status: {output}");
    }

    // one entry per member; a member that is down has no state string
    private RabbitMQNode? LeaderIn(string quorumStatus)
    {
        using var status = JsonDocument.Parse(quorumStatus);
        var leader = status.RootElement.EnumerateArray()
            .Where(member => member.TryGetProperty("Raft State", out var state) && state.ValueKind == JsonValueKind.String && state.GetString() == "leader")
            .Select(member => member.GetProperty("Node Name").GetString())
            .FirstOrDefault();
        return Nodes.FirstOrDefault(node => node.Name == leader);
    }

    /// <summary>Messages in every queue, by name, as a running node reports them.</summary>
    public Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync()
    {
        var files = _files ?? throw new InvalidOperationException("the cluster's files were not written");
        return RabbitMQCli.QueueDepthsAsync(files.CliEnvironment(), Nodes.First(node => node.IsRunning).Name);
    }

    /// <summary>Queue type (<c>quorum</c> or <c>classic</c>) by queue name, of the durable queues only.</summary>
    public Task<IReadOnlyDictionary<string, string>> DurableQueueTypesAsync()
    {
        var files = _files ?? throw new InvalidOperationException("the cluster's files were not written");
        return RabbitMQCli.DurableQueueTypesAsync(files.CliEnvironment(), Nodes.First(node => node.IsRunning).Name);
    }

    /// <summary>Runs one of the broker's CLI tools against <paramref name="node"/>; throws with its output unless it exits 0.</summary>
    public Task<string> CtlAsync(RabbitMQNode node, string tool, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(node);
        var files = _files ?? throw new InvalidOperationException("the cluster's files were not written");
        return RabbitMQCli.RunAsync(files.CliEnvironment(), node.Name, tool, arguments);
    }

    private static Task WaitUntilReadyAsync(RabbitMQNode node) =>
        AmqpReadiness.WaitAsync(IPAddress.Loopback, node.AmqpPort, ReadyTimeout, () => node.IsRunning ? null : "its process ended", node.Name);

    private static async Task WaitForListenerAsync(int port, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what} did not listen on {port} within 10 s");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(Nodes.Select(node => node.StopAsync(StopGrace)));
        }
        finally
        {
            if (_epmd is not null)
            {
                await ErlangProcesses.EndAsync(_epmd, TimeSpan.FromSeconds(5));
                _epmd.Dispose();
            }
            await _log.DisposeAsync();
        }
        // every VM this cluster started names its directory (its -home); an epmd daemon some run started would hold the port
        var left = ErlangProcesses.Mentioning(_root);
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"processes of the test cluster outlived it: {string.Join(", ", left)} (log {LogPath})");
        }
        if (await IsListeningAsync(_epmdPort))
        {
            throw new InvalidOperationException($"an epmd still listens on the cluster's port {_epmdPort} after the cluster ended");
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
