using System.Globalization;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// The files a private RabbitMQ node of Debian's package runs from, all under one directory of the test's own: its
/// <c>HOME</c> (the Erlang cookie, shared by every node of a cluster and by the CLI tools that talk to them), its
/// configuration, and the environment that points the node and the CLI tools there. Every environment carries
/// <c>ERL_FLAGS=-start_epmd false</c>: the test starts the one epmd itself, and nothing may start a daemon that
/// outlives the test.
/// </summary>
public sealed class RabbitMQNodeFiles
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";

    /// <summary>Guest from loopback only; the free-disk guard low enough for a test machine.</summary>
    public const string LoopbackConfiguration = "loopback_users.guest = true\ndisk_free_limit.absolute = 50MB\n";

    /// <summary>Guest from any host, as a deployment's own user would be.</summary>
    public const string AnyHostConfiguration = "loopback_users = none\ndisk_free_limit.absolute = 50MB\n";

    /// <summary>Keeps the node's cluster listener on loopback rather than on every interface.</summary>
    public const string LoopbackDistribution = "-kernel inet_dist_use_interface {127,0,0,1}";

    private RabbitMQNodeFiles(string root, int epmdPort)
    {
        Root = root;
        EpmdPort = epmdPort;
    }

    public string Root { get; }

    public int EpmdPort { get; }

    public string Home => Path.Combine(Root, "home");

    public string Config => Path.Combine(Root, "config");

    /// <summary>Writes the home and configuration under <paramref name="root"/> for nodes whose epmd listens on <paramref name="epmdPort"/>.</summary>
    public static async Task<RabbitMQNodeFiles> WriteAsync(string root, int epmdPort, string configuration)
    {
        var files = new RabbitMQNodeFiles(root, epmdPort);
        Directory.CreateDirectory(files.Home);
        Directory.CreateDirectory(files.Config);
        await File.WriteAllTextAsync(Path.Combine(files.Config, "rabbitmq.conf"), configuration);
        await File.WriteAllTextAsync(Path.Combine(files.Config, "rabbitmq-env.conf"), "");
        await File.WriteAllTextAsync(Path.Combine(files.Config, "enabled_plugins"), "[].");
        return files;
    }

    /// <summary>
    /// What <c>rabbitmq-server</c> needs to run node <paramref name="nodeName"/> on <paramref name="address"/>; the
    /// launched process becomes the Erlang VM itself, so ending it by its ID ends the broker.
    /// </summary>
    public Dictionary<string, string> NodeEnvironment(string nodeName, string address, int amqpPort, int distributionPort, string? erlangArguments = null)
    {
        var environment = CliEnvironment();
        environment["RABBITMQ_NODENAME"] = nodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = address;
        environment["RABBITMQ_NODE_PORT"] = Text(amqpPort);
        environment["RABBITMQ_DIST_PORT"] = Text(distributionPort);
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(Root, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(Root, "log");
        environment["RABBITMQ_LOGS"] = "-";
        environment["RABBITMQ_PID_FILE"] = Path.Combine(Root, nodeName + ".pid");
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(Config, "rabbitmq.conf");
        environment["RABBITMQ_ALLOW_INPUT"] = "true";
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = erlangArguments is null ? "-noinput" : $"-noinput {erlangArguments}";
        return environment;
    }

    /// <summary>What <c>rabbitmqctl</c> and its siblings need to reach the nodes (same cookie, same epmd).</summary>
    public Dictionary<string, string> CliEnvironment() => new()
    {
        ["HOME"] = Home,
        ["ERL_EPMD_PORT"] = Text(EpmdPort),
        ["ERL_FLAGS"] = "-start_epmd false",
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Config, "rabbitmq-env.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Config, "enabled_plugins"),
    };

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
