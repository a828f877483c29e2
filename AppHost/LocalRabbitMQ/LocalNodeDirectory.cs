using System.Globalization;
using System.Text.RegularExpressions;
using ImagePipeline.AppHost.Infrastructure;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>
/// The private node's directory (<c>{dataDirectory}/rabbitmq</c>) and the decisions made in it at every start: which node
/// to run (the saved one; else the newest node an earlier version left, whose queues may still hold a request's
/// messages; else a new one), on which ports (the saved ones while they are free, new ones otherwise: ports are not
/// part of the node's data), which queue type its services declare (quorum for a new node; classic for a node whose
/// queues an earlier version declared classic, since RabbitMQ refuses to redeclare a queue as another type), and which
/// leftovers of earlier versions to delete.
/// </summary>
public sealed partial class LocalNodeDirectory(string root)
{
    public string Root { get; } = root;

    public string MnesiaBase => Path.Combine(Root, "mnesia");

    public string IdentityFile => Path.Combine(Root, LocalNodeIdentity.FileName);

    public string PidFile(LocalNodeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Path.Combine(MnesiaBase, identity.NodeName + ".pid");
    }

    /// <summary>
    /// Decides the node's identity, saves it, and removes the node directories of earlier versions that it does not reuse.
    /// <paramref name="requestedAmqpPort"/> (<c>Infrastructure:RabbitMQ:Port</c>, 0 = none) replaces the saved AMQP port and
    /// must be free. <paramref name="report"/> hears every change a user should know about.
    /// </summary>
    public LocalNodeIdentity Resolve(int requestedAmqpPort, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(MnesiaBase);

        var saved = LocalNodeIdentity.Load(IdentityFile) ?? AdoptLegacyNode(report) ?? new LocalNodeIdentity(LocalNodeIdentity.DefaultNodeName, 0, 0, 0);
        FailIfStillRunning(saved);

        var used = new List<int>();
        var amqp = requestedAmqpPort > 0 ? RequestedPort(requestedAmqpPort) : Port(saved.AmqpPort, "AMQP", used, report);
        used.Add(amqp);
        var distribution = Port(saved.DistributionPort, "distribution", used, report);
        used.Add(distribution);
        var epmd = Port(saved.EpmdPort, "epmd", used, report);

        var identity = new LocalNodeIdentity(saved.NodeName, amqp, distribution, epmd, saved.QuorumQueues ?? QueueTypeOf(saved, report));
        identity.Save(IdentityFile);
        RemoveOtherNodes(identity, report);
        return identity;
    }

    // earlier versions named the node after a new AMQP port on every start (imagepipeline-<port>@localhost): the newest
    // of those directories holds the last run's queues
    private LocalNodeIdentity? AdoptLegacyNode(Action<string> report)
    {
        var newest = new DirectoryInfo(MnesiaBase).EnumerateDirectories()
            .Where(directory => LegacyNodeName().IsMatch(directory.Name))
            .OrderByDescending(directory => directory.LastWriteTimeUtc)
            .FirstOrDefault();
        if (newest is null)
        {
            return null;
        }
        report($"Reusing the RabbitMQ node '{newest.Name}' an earlier version left in {MnesiaBase}, with its queues and messages; " +
            $"its name and ports are kept in {IdentityFile} from now on.");
        var port = int.Parse(LegacyNodeName().Match(newest.Name).Groups["port"].Value, CultureInfo.InvariantCulture);
        return new LocalNodeIdentity(newest.Name, port, 0, 0);
    }

    // a node an earlier version ran has classic queues, which may hold a request's messages: it keeps them
    private bool QueueTypeOf(LocalNodeIdentity saved, Action<string> report)
    {
        var database = Path.Combine(MnesiaBase, saved.NodeName);
        if (!Directory.Exists(database))
        {
            return true;
        }
        report($"The local RabbitMQ node '{saved.NodeName}' has classic queues from an earlier version, which may still hold messages; " +
            "it keeps them, and every service declares classic queues on it (Messaging:QuorumQueues=false). To move to quorum " +
            $"queues: let every request finish, stop the AppHost and delete {database} (docs/reliability.md, 'A broker cluster').");
        return false;
    }

    // two nodes on one database directory would corrupt it; an AppHost that was killed can leave its node running
    private void FailIfStillRunning(LocalNodeIdentity identity)
    {
        var pidFile = PidFile(identity);
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (commandLine.Contains(identity.NodeName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The local RabbitMQ node '{identity.NodeName}' of {Root} is still running (process {pid}), left by another or an " +
                $"earlier AppHost with the same Infrastructure:DataDirectory. Stop that AppHost, or end the node: kill {pid}.");
        }
    }

    private static int RequestedPort(int port) =>
        FreePort.IsFree(port)
            ? port
            : throw new InvalidOperationException(
                $"Infrastructure:RabbitMQ:Port is {port}, but another program listens on it. Choose another port, or leave the " +
                "setting out to use the node's saved port (or a free one).");

    private int Port(int saved, string what, IReadOnlyCollection<int> used, Action<string> report)
    {
        if (saved > 0 && !used.Contains(saved) && FreePort.IsFree(saved))
        {
            return saved;
        }
        var port = FreePort.NextExcept(used);
        if (saved > 0)
        {
            report($"The local RabbitMQ node's {what} port {saved} is taken by another program; the node moves to {port} " +
                $"(saved in {IdentityFile}). Its queues and messages are kept.");
        }
        return port;
    }

    private void RemoveOtherNodes(LocalNodeIdentity identity, Action<string> report)
    {
        foreach (var entry in new DirectoryInfo(MnesiaBase).EnumerateFileSystemInfos())
        {
            var match = NodeEntry().Match(entry.Name);
            if (!match.Success || match.Groups["node"].Value == identity.NodeName)
            {
                continue;
            }
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
            report($"Removed '{entry.Name}' from {MnesiaBase}: an earlier version's RabbitMQ node, replaced by '{identity.NodeName}'.");
        }
    }

    [GeneratedRegex(@"^imagepipeline-(?<port>\d+)@localhost$")]
    private static partial Regex LegacyNodeName();

    // a node's directory and its companions: <node>, <node>-plugins-expand, <node>-feature_flags, <node>.pid
    [GeneratedRegex(@"^(?<node>imagepipeline(-\d+)?@localhost)([-.].*)?$")]
    private static partial Regex NodeEntry();
}
