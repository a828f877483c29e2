using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    /// <paramref name="port"/> (0 = the saved one, or a free one) moves its AMQP port. Building the model touches
    /// nothing: the node is prepared on disk when the AppHost starts in run mode (<see cref="LocalNodePreparation"/>).
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, string serverPath, string dataDirectory, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        // only a run starts the server; a published model merely names it
        if (builder.ExecutionContext.IsRunMode && !File.Exists(serverPath))
        {
            throw new InvalidOperationException(
                $"Local mode needs the RabbitMQ server, but '{serverPath}' does not exist. Install it (Debian/Ubuntu: " +
                "'sudo apt-get install -y rabbitmq-server'), set Infrastructure:RabbitMQ:ServerPath to its rabbitmq-server script, " +
                "or give ConnectionStrings:messaging an amqp:// URI of a broker you run.");
        }

        var node = new LocalNodePreparation(Path.Combine(dataDirectory, "rabbitmq"), port);
        var healthCheckName = $"{name}-amqp";
        // health checks run only once the AppHost has started, when the node has been prepared
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckName, _ => new AmqpHandshakeHealthCheck("127.0.0.1", node.Identity.AmqpPort), failureStatus: null, tags: null));

        // the node's own epmd, run in the foreground as a resource so it stops with the AppHost; left to the node, it
        // would be started as `epmd -daemon` and outlive every run
        var epmdHealthCheckName = $"{name}-epmd-listening";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            epmdHealthCheckName, _ => new EpmdHealthCheck("127.0.0.1", node.Identity.EpmdPort), failureStatus: null, tags: null));
        var epmd = builder.AddExecutable($"{name}-epmd", "epmd", node.Root)
            .WithArgs(context =>
            {
                if (context.ExecutionContext.IsRunMode)
                {
                    context.Args.Add("-port");
                    context.Args.Add(Invariant(node.Identity.EpmdPort));
                }
                context.Args.Add("-address");
                context.Args.Add("127.0.0.1");
            })
            .WithHealthCheck(epmdHealthCheckName);

        var resource = new LocalRabbitMQServerResource(name, serverPath, node.Root, () => node.Identity.QuorumQueues ?? true);
        var broker = builder.AddResource(resource)
            .WithEndpoint(LocalRabbitMQServerResource.EndpointName, endpoint =>
            {
                // a requested port is known now; otherwise the saved (or a free) one is set at start, below
                endpoint.Port = port > 0 ? port : null;
                endpoint.TargetPort = endpoint.Port;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
                endpoint.TargetHost = "127.0.0.1";
            })
            .WithEnvironment("HOME", node.Home)
            // the same name, ports and database directory on every run (rabbitmq/node.json), so a restart finds the durable
            // queues and the messages they held; known once the node is prepared, so only when the AppHost runs it
            .WithEnvironment(context =>
            {
                if (!context.ExecutionContext.IsRunMode)
                {
                    return;
                }
                var identity = node.Identity;
                context.EnvironmentVariables["RABBITMQ_NODENAME"] = identity.NodeName;
                context.EnvironmentVariables["RABBITMQ_NODE_PORT"] = Invariant(identity.AmqpPort);
                context.EnvironmentVariables["RABBITMQ_DIST_PORT"] = Invariant(identity.DistributionPort);
                context.EnvironmentVariables["ERL_EPMD_PORT"] = Invariant(identity.EpmdPort);
                context.EnvironmentVariables["RABBITMQ_PID_FILE"] = node.NodeDirectory.PidFile(identity);
            })
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            // and never an epmd of its own: without this the node, and every rabbitmqctl run with its environment, starts
            // `epmd -daemon` when the private one is not there yet (or any more), which outlives the AppHost
            .WithEnvironment(ErlangFlagsVariable, NoEpmdDaemon)
            .WaitFor(epmd)
            .WithEnvironment("RABBITMQ_MNESIA_BASE", node.NodeDirectory.MnesiaBase)
            .WithEnvironment("RABBITMQ_LOG_BASE", node.LogBase)
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_CONFIG_FILE", node.ConfigFile)
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", node.EnvFile)
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", node.PluginsFile)
            // so the launched PID is the Erlang VM itself and stopping the resource stops the broker
            .WithEnvironment("RABBITMQ_ALLOW_INPUT", "true")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-noinput")
            .WithHealthCheck(healthCheckName)
            .OnBeforeResourceStarted((started, @event, _) => Report(started, @event.Services, node));

        if (builder.ExecutionContext.IsRunMode)
        {
            // at start, before any resource is created: the node's directories, files and identity, and the AMQP port its
            // endpoint (not proxied, so fixed before allocation) listens on
            builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
            {
                var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == LocalRabbitMQServerResource.EndpointName);
                endpoint.Port = node.Identity.AmqpPort;
                endpoint.TargetPort = node.Identity.AmqpPort;
                return Task.CompletedTask;
            });
        }
        return broker;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // what the start decided about the node (an adopted or moved node, removed leftovers) goes to the AppHost's console
    // and to the node's log in the dashboard, once
    private static Task Report(LocalRabbitMQServerResource broker, IServiceProvider services, LocalNodePreparation node)
    {
        var console = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalRabbitMQBuilderExtensions).Namespace!);
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(broker);
        foreach (var decision in node.TakeDecisions())
        {
            console.LogWarning("{Decision}", decision);
            log.LogWarning("{Decision}", decision);
        }
        return Task.CompletedTask;
    }
}
