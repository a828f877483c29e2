using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>Erlang's environment variable for flags every <c>erl</c> it starts takes, the node's helpers and the CLI tools' included.</summary>
    public const string ErlangFlagsVariable = "ERL_FLAGS";

    /// <summary>Fail rather than start an epmd daemon when none listens on <c>ERL_EPMD_PORT</c>.</summary>
    public const string NoEpmdDaemon = "-start_epmd false";

    /// <summary>
    /// Runs a private RabbitMQ node (own node name, ports, cookie, data and log directories under
    /// <paramref name="dataDirectory"/>) so it never clashes with a system broker, with an AMQP health check. The node's
    /// name and ports are chosen once and kept (<see cref="LocalNodeDirectory"/>), so every run finds its queues again;
    /// <paramref name="port"/> (0 = the saved one, or a free one) moves its AMQP port.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, string serverPath, string dataDirectory, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!File.Exists(serverPath))
        {
            throw new InvalidOperationException(
                $"Local mode needs the RabbitMQ server, but '{serverPath}' does not exist. Install it (Debian/Ubuntu: " +
                "'sudo apt-get install -y rabbitmq-server'), set Infrastructure:RabbitMQ:ServerPath to its rabbitmq-server script, " +
                "or give ConnectionStrings:messaging an amqp:// URI of a broker you run.");
        }

        var root = Path.Combine(dataDirectory, "rabbitmq");
        var home = Path.Combine(root, "home");
        var configDirectory = Path.Combine(root, "config");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(configDirectory);
        var configFile = Path.Combine(configDirectory, "rabbitmq.conf");
        File.WriteAllText(configFile, "loopback_users.guest = true\ndisk_free_limit.absolute = 50MB\n");
        var envFile = Path.Combine(configDirectory, "rabbitmq-env.conf");
        File.WriteAllText(envFile, string.Empty);
        var pluginsFile = Path.Combine(configDirectory, "enabled_plugins");
        // no plugins: the system's list could start the management UI on a port another node holds
        File.WriteAllText(pluginsFile, "[].");

        var directory = new LocalNodeDirectory(root);
        var decisions = new List<string>();
        var node = directory.Resolve(port, decisions.Add);
        var amqpPort = node.AmqpPort;
        var healthCheckName = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddCheck(healthCheckName, new AmqpHandshakeHealthCheck("127.0.0.1", amqpPort));

        // the node's own epmd, run in the foreground as a resource so it stops with the AppHost; left to the node, it
        // would be started as `epmd -daemon` and outlive every run
        var epmdPort = node.EpmdPort.ToString(CultureInfo.InvariantCulture);
        var epmdHealthCheckName = $"{name}-epmd-listening";
        builder.Services.AddHealthChecks().AddCheck(epmdHealthCheckName, new EpmdHealthCheck("127.0.0.1", node.EpmdPort));
        var epmd = builder.AddExecutable($"{name}-epmd", "epmd", root, "-port", epmdPort, "-address", "127.0.0.1")
            .WithHealthCheck(epmdHealthCheckName);

        var resource = new LocalRabbitMQServerResource(name, serverPath, root, node.QuorumQueues ?? true);
        return builder.AddResource(resource)
            .WithEndpoint(LocalRabbitMQServerResource.EndpointName, endpoint =>
            {
                endpoint.Port = amqpPort;
                endpoint.TargetPort = amqpPort;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
                endpoint.TargetHost = "127.0.0.1";
            })
            .WithEnvironment("HOME", home)
            // the same name, ports and database directory on every run (rabbitmq/node.json), so a restart finds the durable
            // queues and the messages they held
            .WithEnvironment("RABBITMQ_NODENAME", node.NodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", amqpPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", node.DistributionPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort)
            // and never an epmd of its own: without this the node, and every rabbitmqctl run with its environment, starts
            // `epmd -daemon` when the private one is not there yet (or any more), which outlives the AppHost
            .WithEnvironment(ErlangFlagsVariable, NoEpmdDaemon)
            .WaitFor(epmd)
            .WithEnvironment("RABBITMQ_MNESIA_BASE", directory.MnesiaBase)
            .WithEnvironment("RABBITMQ_PID_FILE", directory.PidFile(node))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(root, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_CONFIG_FILE", configFile)
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", envFile)
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", pluginsFile)
            // so the launched PID is the Erlang VM itself and stopping the resource stops the broker
            .WithEnvironment("RABBITMQ_ALLOW_INPUT", "true")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-noinput")
            .WithHealthCheck(healthCheckName)
            .OnBeforeResourceStarted((broker, started, _) => Report(broker, started.Services, decisions));
    }

    // what the start decided about the node (an adopted or moved node, removed leftovers) goes to the AppHost's console
    // and to the node's log in the dashboard, once
    private static Task Report(LocalRabbitMQServerResource broker, IServiceProvider services, List<string> decisions)
    {
        var console = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalRabbitMQBuilderExtensions).Namespace!);
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(broker);
        lock (decisions)
        {
            foreach (var decision in decisions)
            {
                console.LogWarning("{Decision}", decision);
                log.LogWarning("{Decision}", decision);
            }
            decisions.Clear();
        }
        return Task.CompletedTask;
    }
}
