namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>
/// What the private node needs on disk before it starts: its directories, its configuration files and its identity
/// (<see cref="LocalNodeDirectory.Resolve"/>: name, ports, queue type, leftovers removed). None of it happens while the
/// model is built: it happens once, when the AppHost starts in run mode (<c>BeforeStartEvent</c>), or earlier if a
/// run-mode value that depends on it (the node's environment, the epmd's arguments) is asked for first.
/// </summary>
public sealed class LocalNodePreparation(string root, int requestedAmqpPort)
{
    private readonly List<string> _decisions = [];
    private LocalNodeIdentity? _prepared;
    private readonly Lock _gate = new();

    public LocalNodeDirectory NodeDirectory { get; } = new(root);

    public string Root => NodeDirectory.Root;

    public string Home => Path.Combine(Root, "home");

    public string ConfigFile => Path.Combine(Root, "config", "rabbitmq.conf");

    public string EnvFile => Path.Combine(Root, "config", "rabbitmq-env.conf");

    public string PluginsFile => Path.Combine(Root, "config", "enabled_plugins");

    public string LogBase => Path.Combine(Root, "log");

    /// <summary>The node's name and ports, preparing the node on first use.</summary>
    public LocalNodeIdentity Identity
    {
        get
        {
            lock (_gate)
            {
                return _prepared ??= Prepare();
            }
        }
    }

    /// <summary>What the preparation decided that a user should know about (an adopted or moved node, removed leftovers), each once.</summary>
    public IReadOnlyList<string> TakeDecisions()
    {
        lock (_gate)
        {
            var decisions = _decisions.ToList();
            _decisions.Clear();
            return decisions;
        }
    }

    private LocalNodeIdentity Prepare()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigFile)!);
        File.WriteAllText(ConfigFile, "loopback_users.guest = true\ndisk_free_limit.absolute = 50MB\n");
        File.WriteAllText(EnvFile, string.Empty);
        // no plugins: the system's list could start the management UI on a port another node holds
        File.WriteAllText(PluginsFile, "[].");
        return NodeDirectory.Resolve(requestedAmqpPort, _decisions.Add);
    }
}
