using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Consumers;
using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// The image worker's queue on a system that runs no worker (<c>ImageWorker:Replicas=0</c>). RabbitMQ drops a
/// published message that no queue is bound to, and only a worker's bus declares that queue; so this declares the
/// worker's own receive topology (its consumer and definition, MassTransit's <c>DeployTopologyOnly</c>: declared,
/// never consumed) and then counts what waits in it.
/// </summary>
public sealed class WorkerQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private WorkerQueue(string name, IConnection connection, IChannel channel)
    {
        Name = name;
        _connection = connection;
        _channel = channel;
    }

    public string Name { get; }

    public static async Task<WorkerQueue> DeclareAsync(string connectionString, CancellationToken cancellationToken)
    {
        var broker = AmqpAddress.Parse(connectionString);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<ImageWorkerOptions>();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // the queue as the worker would declare it (quorum by default): a later worker must be able to declare it again
            bus.UseQuorumQueues(new MessagingOptions());
            ImageWorkerServiceExtensions.AddConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.UseBroker(broker);
                rabbit.DeployTopologyOnly = true;
                rabbit.ConfigureEndpoints(context);
            });
        });
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IBusControl>().DeployAsync(cancellationToken);
        }

        var name = KebabCaseEndpointNameFormatter.Instance.Consumer<ProcessImageConsumer>();
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = new WorkerQueue(name, connection, channel);
        // passive: fails unless the deploy above really created it
        await queue.CountAsync(cancellationToken);
        return queue;
    }

    /// <summary>Messages ready in the queue (a passive declare: one cheap round trip, unlike a rabbitmqctl run).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        (await _channel.QueueDeclarePassiveAsync(Name, cancellationToken)).MessageCount;

    /// <summary>Empties the queue (after a warm-up request, so only the measured one is counted).</summary>
    public async Task PurgeAsync(CancellationToken cancellationToken) => await _channel.QueuePurgeAsync(Name, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
