using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImagePipeline.AppHost.LocalRabbitMQ;

namespace ImagePipeline.AppHost.Tests;

/// <summary>The private node keeps its name, ports and data across runs; leftovers of earlier versions are reused or removed.</summary>
public sealed class LocalNodeDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-node-{Guid.NewGuid():N}");
    private readonly List<string> _reports = [];

    [Fact]
    public void A_second_start_runs_the_same_node_on_the_same_ports()
    {
        var first = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        var second = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.Equal(first, second);
        Assert.Equal(LocalNodeIdentity.DefaultNodeName, second.NodeName);
        Assert.Equal(3, new[] { second.AmqpPort, second.DistributionPort, second.EpmdPort }.Distinct().Count());
        Assert.Empty(_reports);
    }

    [Fact]
    public void A_saved_port_another_program_holds_moves_the_node_and_keeps_its_name()
    {
        var first = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);
        using var squatter = new TcpListener(IPAddress.Loopback, first.AmqpPort);
        squatter.Start();

        var second = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.Equal(first.NodeName, second.NodeName);
        Assert.NotEqual(first.AmqpPort, second.AmqpPort);
        Assert.Equal(first.EpmdPort, second.EpmdPort);
        var report = Assert.Single(_reports);
        Assert.Contains($"AMQP port {first.AmqpPort} is taken", report, StringComparison.Ordinal);
        Assert.Equal(second, LocalNodeIdentity.Load(Path.Combine(_root, LocalNodeIdentity.FileName)));
    }

    [Fact]
    public void A_requested_port_another_program_holds_stops_the_start_with_the_reason()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(() => new LocalNodeDirectory(_root).Resolve(port, _reports.Add));

        Assert.Contains($"Infrastructure:RabbitMQ:Port is {port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newest_node_of_an_earlier_version_is_reused_and_the_older_ones_removed()
    {
        var mnesia = Path.Combine(_root, "mnesia");
        var older = Directory.CreateDirectory(Path.Combine(mnesia, "imagepipeline-41001@localhost"));
        Directory.CreateDirectory(Path.Combine(mnesia, "imagepipeline-41001@localhost-plugins-expand"));
        File.WriteAllText(Path.Combine(mnesia, "imagepipeline-41001@localhost-feature_flags"), "[].");
        older.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-2);
        var newer = Directory.CreateDirectory(Path.Combine(mnesia, "imagepipeline-41002@localhost"));
        File.WriteAllText(Path.Combine(newer.FullName, "queue-data"), "kept");
        File.WriteAllText(Path.Combine(mnesia, "imagepipeline-41002@localhost-feature_flags"), "[].");
        newer.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);
        // not ours: never touched
        var foreign = Directory.CreateDirectory(Path.Combine(mnesia, "rabbit@somehost"));

        var node = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.Equal("imagepipeline-41002@localhost", node.NodeName);
        Assert.Equal(41002, node.AmqpPort);
        Assert.True(File.Exists(Path.Combine(newer.FullName, "queue-data")));
        Assert.True(File.Exists(Path.Combine(mnesia, "imagepipeline-41002@localhost-feature_flags")));
        Assert.Equal(
            ["imagepipeline-41002@localhost", "imagepipeline-41002@localhost-feature_flags", "rabbit@somehost"],
            Directory.EnumerateFileSystemEntries(mnesia).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(foreign.Exists);
        Assert.Contains(_reports, r => r.Contains("Reusing the RabbitMQ node 'imagepipeline-41002@localhost'", StringComparison.Ordinal));
        Assert.Equal(3, _reports.Count(r => r.StartsWith("Removed 'imagepipeline-41001@localhost", StringComparison.Ordinal)));
        // its queues were declared classic, and may hold messages
        Assert.False(node.QuorumQueues);
        Assert.Contains(_reports, r => r.Contains("has classic queues from an earlier version", StringComparison.Ordinal));
        // from now on the node is the saved one
        Assert.Equal(node, new LocalNodeDirectory(_root).Resolve(0, _reports.Add));
    }

    [Fact]
    public void A_new_node_declares_quorum_queues_and_keeps_doing_so()
    {
        var first = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);
        Directory.CreateDirectory(Path.Combine(_root, "mnesia", first.NodeName));

        var second = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.True(first.QuorumQueues);
        Assert.True(second.QuorumQueues);
        Assert.Empty(_reports);
    }

    [Fact]
    public void A_node_saved_before_quorum_queues_with_its_database_keeps_classic_queues_and_says_how_to_move()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mnesia", LocalNodeIdentity.DefaultNodeName));
        // node.json as the version before quorum queues wrote it
        File.WriteAllText(Path.Combine(_root, LocalNodeIdentity.FileName),
            $$"""{ "NodeName": "{{LocalNodeIdentity.DefaultNodeName}}", "AmqpPort": 0, "DistributionPort": 0, "EpmdPort": 0 }""");

        var first = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);
        var second = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.False(first.QuorumQueues);
        Assert.False(second.QuorumQueues);
        var report = Assert.Single(_reports);
        Assert.Contains("Messaging:QuorumQueues=false", report, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "mnesia", LocalNodeIdentity.DefaultNodeName), report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_saved_before_quorum_queues_that_never_ran_declares_quorum_queues()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, LocalNodeIdentity.FileName),
            $$"""{ "NodeName": "{{LocalNodeIdentity.DefaultNodeName}}", "AmqpPort": 0, "DistributionPort": 0, "EpmdPort": 0 }""");

        var node = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);

        Assert.True(node.QuorumQueues);
        Assert.Empty(_reports);
    }

    [Fact]
    public void A_node_still_running_on_the_directory_stops_the_start_with_its_process()
    {
        var node = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);
        // a process whose command line names the node, as the Erlang VM's does
        using var running = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 60", node.NodeName]))!;
        try
        {
            File.WriteAllText(new LocalNodeDirectory(_root).PidFile(node), running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var error = Assert.Throws<InvalidOperationException>(() => new LocalNodeDirectory(_root).Resolve(0, _reports.Add));

            Assert.Contains($"is still running (process {running.Id})", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            running.Kill();
        }
    }

    [Fact]
    public void A_pid_file_left_by_a_node_that_died_does_not_stop_the_start()
    {
        var node = new LocalNodeDirectory(_root).Resolve(0, _reports.Add);
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        File.WriteAllText(new LocalNodeDirectory(_root).PidFile(node), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(node, new LocalNodeDirectory(_root).Resolve(0, _reports.Add));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
