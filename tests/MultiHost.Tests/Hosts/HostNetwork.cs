using System.Globalization;
using System.Net;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// Several machines on this one, each a network namespace cabled by a veth pair to a switch (a bridge in a namespace of
/// its own), in a /28 of TEST-NET-1 (192.0.2.0/24, which routes nowhere) and with no default route: a host reaches
/// the others' addresses and nothing else. The test process joins the switch too, through a veth of its own, so it can
/// serve and call on that network. Every name carries this process's ID, so <see cref="SweepLeftovers"/> can remove
/// what a run that died left behind without touching a run still going. Disposing ends every process still inside
/// the namespaces and deletes them and the cables.
/// </summary>
public sealed class HostNetwork : IDisposable
{
    private const string Prefix = "ipmh";
    private const int BlockSize = 16;

    private readonly string _switchNamespace;
    private readonly string _testLink;
    private readonly List<NetworkHost> _hosts = [];
    private readonly List<string> _namespaceIds = [];
    private bool _switchCreated;
    private bool _testLinkCreated;

    private HostNetwork(int block)
    {
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        NamePrefix = $"{Prefix}{owner}-";
        _switchNamespace = NamePrefix + "switch";
        _testLink = Prefix + owner;
        Block = block;
        TestAddress = AddressAt(1);
    }

    /// <summary>Every namespace of this network starts with it.</summary>
    public string NamePrefix { get; }

    /// <summary>Which /28 of 192.0.2.0/24 this network uses.</summary>
    public int Block { get; }

    /// <summary>The test process's own address on the switch.</summary>
    public IPAddress TestAddress { get; }

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    /// <summary>Builds the switch, the test process's cable and one host per name (at most 13).</summary>
    public static HostNetwork Create(IReadOnlyList<string> hostNames)
    {
        ArgumentNullException.ThrowIfNull(hostNames);
        if (hostNames.Count > BlockSize - 3)
        {
            throw new ArgumentException($"At most {BlockSize - 3} hosts fit a /28.", nameof(hostNames));
        }
        var network = new HostNetwork(FreeBlock());
        try
        {
            network.Build(hostNames);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    public NetworkHost this[string name] => _hosts.Single(host => host.Name == name);

    /// <summary>Pulls <paramref name="host"/>'s cable out of the switch: its link goes down on the switch's side.</summary>
    public void Cut(NetworkHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        IpCommand.Run("-n", _switchNamespace, "link", "set", host.SwitchPort, "down");
    }

    /// <summary>Plugs <paramref name="host"/>'s cable back in.</summary>
    public void Restore(NetworkHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        IpCommand.Run("-n", _switchNamespace, "link", "set", host.SwitchPort, "up");
    }

    /// <summary>
    /// Deletes the namespaces and test cables of runs whose process is gone (a test host killed mid-run cannot clean
    /// up after itself), ending the processes left inside them first. Returns what it removed.
    /// </summary>
    public static IReadOnlyList<string> SweepLeftovers()
    {
        var removed = new List<string>();
        foreach (var name in NamespaceNames().Where(name => OwnerIsGone(name)))
        {
            EndProcessesIn(name);
            IpCommand.TryRun("netns", "del", name);
            removed.Add(name);
        }
        var (_, links) = IpCommand.TryRun("-o", "link", "show");
        foreach (var link in links.Split('\n').Select(LinkName).Where(link => link.StartsWith(Prefix, StringComparison.Ordinal) && OwnerIsGone(link)))
        {
            IpCommand.TryRun("link", "del", link);
            removed.Add(link);
        }
        return removed;
    }

    /// <summary>
    /// The processes still inside any namespace this network made, found by the namespace's identity (its
    /// <c>net:[inode]</c>), which outlives its name: a process left in a deleted namespace is found too.
    /// </summary>
    public IReadOnlyList<int> ProcessesLeft()
    {
        var left = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                if (new FileInfo(Path.Combine(directory, "ns", "net")).LinkTarget is { } namespaceId && _namespaceIds.Contains(namespaceId))
                {
                    left.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile
            }
        }
        return left;
    }

    /// <summary>The namespaces of this network that exist right now (empty once disposed).</summary>
    public IReadOnlyList<string> ExistingNamespaces() => [.. NamespaceNames().Where(name => name.StartsWith(NamePrefix, StringComparison.Ordinal))];

    private void Build(IReadOnlyList<string> hostNames)
    {
        IpCommand.Run("netns", "add", _switchNamespace);
        _switchCreated = true;
        _namespaceIds.Add(NamespaceId(_switchNamespace));
        IpCommand.Run("-n", _switchNamespace, "link", "add", "switch", "type", "bridge");
        IpCommand.Run("-n", _switchNamespace, "link", "set", "switch", "up");

        // the test process's cable: its end stays in this (the test's) namespace
        IpCommand.Run("link", "add", _testLink, "type", "veth", "peer", "name", "p-test", "netns", _switchNamespace);
        _testLinkCreated = true;
        Plug("p-test");
        IpCommand.Run("addr", "add", $"{TestAddress}/28", "dev", _testLink);
        IpCommand.Run("link", "set", _testLink, "up");

        for (var i = 0; i < hostNames.Count; i++)
        {
            var host = new NetworkHost(hostNames[i], NamePrefix + hostNames[i], AddressAt(2 + i));
            IpCommand.Run("netns", "add", host.Namespace);
            _hosts.Add(host);
            _namespaceIds.Add(NamespaceId(host.Namespace));
            IpCommand.Run("-n", _switchNamespace, "link", "add", host.SwitchPort, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
            Plug(host.SwitchPort);
            IpCommand.Run("-n", host.Namespace, "link", "set", "lo", "up");
            IpCommand.Run("-n", host.Namespace, "addr", "add", $"{host.Address}/28", "dev", "eth0");
            IpCommand.Run("-n", host.Namespace, "link", "set", "eth0", "up");
        }
    }

    // what /proc/PID/ns/net of a process inside it links to: "net:[4026532xxx]"
    private static string NamespaceId(string name) =>
        $"net:[{IpCommand.Run("netns", "exec", name, "stat", "-L", "-c", "%i", "/proc/self/ns/net").Trim()}]";

    private void Plug(string port)
    {
        IpCommand.Run("-n", _switchNamespace, "link", "set", port, "master", "switch");
        IpCommand.Run("-n", _switchNamespace, "link", "set", port, "up");
    }

    private IPAddress AddressAt(int offset) => IPAddress.Parse($"192.0.2.{(Block * BlockSize) + offset}");

    // a /28 no address of this namespace is in: another run of this test may hold one
    private static int FreeBlock()
    {
        var (_, addresses) = IpCommand.TryRun("-4", "-o", "addr", "show");
        var taken = addresses.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => Array.IndexOf(fields, "inet") is var at and >= 0 && at + 1 < fields.Length ? fields[at + 1] : "")
            .Where(address => address.StartsWith("192.0.2.", StringComparison.Ordinal))
            .Select(address => int.Parse(address["192.0.2.".Length..].Split('/')[0], CultureInfo.InvariantCulture) / BlockSize)
            .ToHashSet();
        var free = Enumerable.Range(0, 256 / BlockSize).Where(block => !taken.Contains(block)).ToArray();
        return free.Length > 0 ? free[Random.Shared.Next(free.Length)] : throw new InvalidOperationException("Every /28 of 192.0.2.0/24 is in use here.");
    }

    private static IEnumerable<string> NamespaceNames()
    {
        var (_, list) = IpCommand.TryRun("netns", "list");
        // "name (id: 3)" or just "name"
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal));
    }

    // "7: ipmh123@if6: <...>" → "ipmh123"
    private static string LinkName(string line)
    {
        var fields = line.Split(':', 3, StringSplitOptions.TrimEntries);
        return fields.Length >= 2 ? fields[1].Split('@')[0] : "";
    }

    private static bool OwnerIsGone(string name)
    {
        var digits = new string([.. name[Prefix.Length..].TakeWhile(char.IsAsciiDigit)]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");
    }

    // only ever the namespaces of this test's runs: whatever runs inside one was started there by such a run
    private static void EndProcessesIn(string namespaceName)
    {
        var (exitCode, pids) = IpCommand.TryRun("netns", "pids", namespaceName);
        if (exitCode != 0)
        {
            return;
        }
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && id != Environment.ProcessId)
            {
                ErlangProcesses.Signal(id, "KILL");
            }
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            EndProcessesIn(host.Namespace);
            IpCommand.TryRun("netns", "del", host.Namespace);
        }
        _hosts.Clear();
        if (_testLinkCreated)
        {
            IpCommand.TryRun("link", "del", _testLink);
            _testLinkCreated = false;
        }
        if (_switchCreated)
        {
            IpCommand.TryRun("netns", "del", _switchNamespace);
            _switchCreated = false;
        }
    }
}
