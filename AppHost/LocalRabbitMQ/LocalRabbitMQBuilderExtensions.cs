using ImagePipeline.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>
    /// Runs a private RabbitMQ node (own node name, ports, cookie, data and log directories under
    /// <paramref name="dataDirectory"/>) so it never clashes with a system broker, with an AMQP health check.
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

        var amqpPort = port > 0 ? port : FreePort.Next();
        var healthCheckName = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddCheck(healthCheckName, new AmqpHandshakeHealthCheck("127.0.0.1", amqpPort));

        // the node's own epmd, run in the foreground as a resource so it stops with the AppHost; left to the node, it
        // would be started as `epmd -daemon` and outlive every run
        var epmdPort = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var epmd = builder.AddExecutable($"{name}-epmd", "epmd", root, "-port", epmdPort, "-address", "127.0.0.1");

        var resource = new LocalRabbitMQServerResource(name, serverPath, root);
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
            .WithEnvironment("RABBITMQ_NODENAME", "imagepipeline-" + amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort)
            .WaitFor(epmd)
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(root, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(root, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_CONFIG_FILE", configFile)
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", envFile)
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", pluginsFile)
            // so the launched PID is the Erlang VM itself and stopping the resource stops the broker
            .WithEnvironment("RABBITMQ_ALLOW_INPUT", "true")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-noinput")
            .WithHealthCheck(healthCheckName);
    }
}
