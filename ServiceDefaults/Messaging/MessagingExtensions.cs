using ImagePipeline.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one place that wires MassTransit over RabbitMQ for every service.</summary>
public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Connects the bus to <c>ConnectionStrings:messaging</c> (an <c>amqp://user:password@host:port/vhost</c> URI, or a
    /// cluster's nodes listed where the host goes: <see cref="AmqpAddress"/>) with publisher confirms, quorum queues
    /// (<c>Messaging:QuorumQueues</c>), kebab-case endpoints, in-process retries with backoff, and an in-memory outbox so a consumer's messages leave only
    /// when it succeeds. <paramref name="configureConsumers"/> registers the service's consumers. <c>/health</c> is
    /// unhealthy while the bus cannot reach the broker, publish-only buses included, and healthy again by itself
    /// (<see cref="BrokerHealthCheck"/>, bounded by <c>Messaging:HealthCheckTimeout</c>); it is Degraded while messages
    /// wait in the service's <c>_error</c> queues (<see cref="ErrorQueueHealthCheck"/>), whose counts are also the gauge
    /// <c>imagepipeline.messaging.error_queue.messages</c> (<see cref="ErrorQueuePoller"/>).
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator> configureConsumers)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureConsumers);

        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Run the service through the AppHost, or set it to an amqp:// URI.");
        }

        var broker = AmqpAddress.Parse(connectionString);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.UseQuorumQueues(options);
            configureConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.UseBroker(broker, options.Heartbeat);
                rabbit.PrefetchCount = options.PrefetchCount;
                ConfigureReliability(rabbit, context, options);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            BrokerHealthCheck.Name,
            provider => new BrokerHealthCheck(provider.GetRequiredService<IBusInstance>(), options.HealthCheckTimeout),
            HealthStatus.Unhealthy,
            tags: ["ready"]));
        builder.AddErrorQueueMonitoring(options);
        return builder;
    }

    /// <summary>
    /// Points the bus at <paramref name="broker"/>: its one node, or every node of a cluster, tried in the order listed
    /// whenever the bus (re)connects. Publisher confirms stay on: a publish or send completes only once the broker has
    /// the message (on a quorum queue, once a majority of its nodes has it), so a node lost mid-publish fails the
    /// publish instead of dropping the message. A non-zero <paramref name="heartbeat"/> is the AMQP heartbeat asked for
    /// (<see cref="MessagingOptions.Heartbeat"/>).
    /// </summary>
    public static void UseBroker(this IRabbitMqBusFactoryConfigurator rabbit, AmqpAddress broker, TimeSpan heartbeat = default)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(broker);
        rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
            host.PublisherConfirmation = true;
            if (heartbeat > TimeSpan.Zero)
            {
                host.Heartbeat(heartbeat);
            }
            if (broker.IsCluster)
            {
                // MassTransit reads a cluster node as host:port, split at every colon
                if (broker.Nodes.FirstOrDefault(node => node.Host.Contains(':', StringComparison.Ordinal)) is { Host: not null } ipv6)
                {
                    throw new InvalidOperationException(
                        $"ConnectionStrings:{ConnectionName} lists the IPv6 node {ipv6}; name cluster nodes by host name or IPv4 address.");
                }
                host.UseCluster(cluster =>
                {
                    foreach (var node in broker.Nodes)
                    {
                        cluster.Node(node.ToString());
                    }
                });
            }
        });
    }

    /// <summary>
    /// With <see cref="MessagingOptions.QuorumQueues"/> on, declares every durable receive endpoint's queue as a quorum
    /// queue; MassTransit gives its <c>_error</c> and <c>_skipped</c> queues the same arguments. A temporary endpoint
    /// (auto-delete, exclusive or not durable: quorum queues can be none of those) stays classic, as does the bus's own
    /// temporary queue, which no endpoint callback sees.
    /// </summary>
    public static void UseQuorumQueues(this IBusRegistrationConfigurator bus, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.QuorumQueues)
        {
            return;
        }
        bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
                && endpoint is IRabbitMqReceiveEndpointConfiguration { Settings: { Durable: true, AutoDelete: false, Exclusive: false } })
            {
                rabbit.SetQuorumQueue();
            }
        });
    }

    // messages that failed every retry wait in _error queues for an operator: counted, shown as a gauge and on /health
    private static void AddErrorQueueMonitoring(this IHostApplicationBuilder builder, MessagingOptions options)
    {
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ErrorQueues>();
        builder.Services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ErrorQueues>());
        builder.Services.AddHostedService<ErrorQueuePoller>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            ErrorQueueHealthCheck.Name,
            provider => new ErrorQueueHealthCheck(provider.GetRequiredService<ErrorQueues>()),
            HealthStatus.Degraded,
            tags: ["messaging"]));
    }

    /// <summary>
    /// Retries in process (the broker here has no delayed-exchange plugin, so no delayed redelivery) and holds
    /// outgoing messages until the consumer completes. Two retry policies, one inside the other: a transient failure
    /// (<see cref="TransientFailures"/>) passes the inner one untouched and is retried by the outer one for minutes, so
    /// a storage outage only delays its messages; any other failure gets the inner one's few quick retries and then
    /// the endpoint's <c>_error</c> queue.
    /// </summary>
    public static void ConfigureReliability(IBusFactoryConfigurator bus, IRegistrationContext context, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);

        bus.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientFailures.IsTransient);
            retry.Exponential(options.TransientRetryLimit, options.TransientRetryMinInterval, options.TransientRetryMaxInterval,
                options.TransientRetryMinInterval);
        });
        bus.UseMessageRetry(retry =>
        {
            retry.Ignore<Exception>(TransientFailures.IsTransient);
            retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval);
        });
        bus.UseInMemoryOutbox(context);
    }
}
