using System.Diagnostics.Metrics;
using ImagePipeline.ServiceDefaults.Messaging;
using ImagePipeline.ServiceDefaults.Tests.Health;
using ImagePipeline.TestSupport.Waiting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>
/// A service counts the messages in its own <c>_error</c> queues on a real private RabbitMQ node: the gauge and the
/// health check show a poison message, and go back to nothing once the operator empties the queue.
/// </summary>
public sealed class ErrorQueuesTests(RabbitMQNodeFixture broker) : IClassFixture<RabbitMQNodeFixture>
{
    private const string ErrorQueueName = "retry-probe" + ErrorQueues.Suffix;
    private static readonly TimeSpan Seen = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_poison_message_shows_in_the_gauge_and_turns_health_degraded_until_its_queue_is_emptied()
    {
        Skip.If(RabbitMQNodeFixture.SkipReason is not null, RabbitMQNodeFixture.SkipReason);
        await using var host = await HealthHost.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(new FailurePlan(_ => new InvalidOperationException("poison")));
                builder.AddMessaging(bus => bus.AddConsumer<RetryProbeConsumer>());
            },
            ("ConnectionStrings:messaging", $"amqp://guest:guest@127.0.0.1:{broker.Node.Port}/"),
            ("Messaging:RetryLimit", "0"),
            ("Messaging:ErrorQueuePollInterval", "00:00:00.500"));
        var queues = host.Services.GetRequiredService<ErrorQueues>();
        await Eventually.TrueAsync(() => queues.ReadAt is not null, Seen, "the first read of the error queues");
        Assert.Equal(0, queues.Counts[ErrorQueueName]);
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync(ErrorQueueHealthCheck.Name)).Status);

        await host.Services.GetRequiredService<IBus>().Publish(new RetryProbe(Guid.NewGuid()));

        await Eventually.TrueAsync(() => queues.Counts.GetValueOrDefault(ErrorQueueName) == 1, Seen, $"one message counted in {ErrorQueueName}");
        var degraded = await host.CheckAsync(ErrorQueueHealthCheck.Name);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains($"1 in {ErrorQueueName}", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(1, Gauge(ErrorQueueName));
        // Messaging:QuorumQueues is on by default: the endpoint's queue and its error queue are both quorum queues
        Assert.True(await IsQuorumQueueAsync(broker.Node.Port, "retry-probe"), "retry-probe is not a quorum queue");
        Assert.True(await IsQuorumQueueAsync(broker.Node.Port, ErrorQueueName), $"{ErrorQueueName} is not a quorum queue");

        await PurgeAsync(broker.Node.Port, ErrorQueueName);

        await Eventually.TrueAsync(() => queues.Counts.GetValueOrDefault(ErrorQueueName, -1) == 0, Seen, $"{ErrorQueueName} counted empty");
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync(ErrorQueueHealthCheck.Name)).Status);
        Assert.Equal(0, Gauge(ErrorQueueName));
    }

    // what an operator's purge does
    private static async Task PurgeAsync(int port, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync(queue);
    }

    // RabbitMQ accepts a declare only with the arguments the queue has: a quorum declare of a classic queue is refused
    private static async Task<bool> IsQuorumQueueAsync(int port, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
        {
            return false;
        }
    }

    // what an OpenTelemetry reader would collect from the gauge now
    private static long? Gauge(string queue)
    {
        long? measured = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.MeterName && instrument.Name == ErrorQueuePoller.InstrumentName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue" && Equals(tag.Value, queue))
                {
                    measured = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}
