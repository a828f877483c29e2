using System.Net;
using System.Text.Json;

using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// The broker as a RabbitMQ cluster, one <see cref="HostedRabbitMQNode"/> on each of its hosts, all with one Erlang
/// cookie (one <c>HOME</c>, as an operator copies one cookie to every machine). The nodes start together; then each
/// but the first joins the first (<c>stop_app</c>, <c>join_cluster</c>, <c>start_app</c>, run on its own host), and
/// the start fails unless the first reports every node running. Erlang's <c>net_ticktime</c> stays at its default
/// (60 s): the test cuts no broker's link, and a short tick on a loaded machine risks a false partition between nodes.
/// </summary>
public sealed class HostedRabbitMQCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-hostedrmq-{Guid.NewGuid():N}");
    private readonly List<HostedRabbitMQNode> _nodes = [];

    private HostedRabbitMQCluster()
    {
    }

    public IReadOnlyList<HostedRabbitMQNode> Nodes => _nodes;

    /// <summary><c>ConnectionStrings:messaging</c> for a service on another host: every node, in the project's cluster form.</summary>
    public string ConnectionString =>
        $"amqp://guest:guest@{string.Join(',', _nodes.Select(node => $"{node.Host.Address}:{HostedRabbitMQNode.AmqpPort}"))}/";

    /// <summary>Every node's log, for a failure message.</summary>
    public string LogPaths => string.Join(", ", _nodes.Select(node => node.LogPath));

    /// <summary>Starts one node on each of <paramref name="hosts"/> and clusters them, their output in <paramref name="logDirectory"/>.</summary>
    public static async Task<HostedRabbitMQCluster> StartAsync(IReadOnlyList<NetworkHost> hosts, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var cluster = new HostedRabbitMQCluster();
        try
        {
            await cluster.RunAsync(hosts, logDirectory);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(IReadOnlyList<NetworkHost> hosts, string logDirectory)
    {
        var files = await RabbitMQNodeFiles.WriteAsync(_root, HostedRabbitMQNode.EpmdPort, RabbitMQNodeFiles.AnyHostConfiguration);
        foreach (var host in hosts)
        {
            _nodes.Add(await HostedRabbitMQNode.StartAsync(host, files, logDirectory));
        }
        await Task.WhenAll(_nodes.Select(node => node.WaitUntilReadyAsync(ReadyTimeout)));
        var first = _nodes[0];
        foreach (var node in _nodes.Skip(1))
        {
            await node.CtlAsync("rabbitmqctl", "stop_app");
            await node.CtlAsync("rabbitmqctl", "join_cluster", first.Name);
            await node.CtlAsync("rabbitmqctl", "start_app");
            await node.WaitUntilReadyAsync(ReadyTimeout);
        }
        using var status = JsonDocument.Parse(await first.CtlAsync("rabbitmqctl", "cluster_status", "--formatter", "json"));
        var running = status.RootElement.GetProperty("running_nodes").EnumerateArray().Select(name => name.GetString()).ToHashSet();
        if (!running.SetEquals(_nodes.Select(node => node.Name)))
        {
            throw new InvalidOperationException($"the cluster runs {string.Join(", ", running)}, not every node of {string.Join(", ", _nodes)}; logs {LogPaths}");
        }
    }

    /// <summary>Queue type (<c>quorum</c> or <c>classic</c>) by queue name, of the durable queues only.</summary>
    public Task<IReadOnlyDictionary<string, string>> DurableQueueTypesAsync()
    {
        var first = _nodes[0];
        return RabbitMQCli.DurableQueueTypesAsync(first.CliEnvironment(), first.Name, first.Host.Exec);
    }

    /// <summary>The nodes that hold a replica of quorum queue <paramref name="queue"/>, as <c>rabbitmq-queues quorum_status</c> lists them.</summary>
    public async Task<IReadOnlyList<string>> QuorumMembersAsync(string queue)
    {
        using var status = JsonDocument.Parse(await _nodes[0].CtlAsync("rabbitmq-queues", "quorum_status", queue, "--formatter", "json"));
        return [.. status.RootElement.EnumerateArray().Select(member => member.GetProperty("Node Name").GetString()!)];
    }

    /// <summary>
    /// Which node closed a client connection from <paramref name="client"/> because its heartbeats stopped, and when
    /// (the earliest, if several did); null if none has.
    /// </summary>
    public (HostedRabbitMQNode Node, DateTimeOffset At)? MissedHeartbeatsFrom(IPAddress client)
    {
        (HostedRabbitMQNode Node, DateTimeOffset At)? earliest = null;
        foreach (var node in _nodes)
        {
            if (node.MissedHeartbeatsFrom(client) is { } at && (earliest is null || at < earliest.Value.At))
            {
                earliest = (node, at);
            }
        }
        return earliest;
    }

    public async ValueTask DisposeAsync()
    {
        // all at once: each gets SIGTERM and SIGKILL after its grace, so the stop takes no longer than one node's
        await Task.WhenAll(_nodes.Select(node => node.DisposeAsync().AsTask()));
        _nodes.Clear();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
