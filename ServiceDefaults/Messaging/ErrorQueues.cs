using System.Collections.Concurrent;
using System.Collections.Frozen;
using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// How many messages wait in the <c>_error</c> queue of each of this service's receive endpoints, as the broker last
/// said (a passive queue declare on the bus's own connection, which reads the count without touching a message). The
/// queues are learnt as the endpoints start. Read by <see cref="ErrorQueuePoller"/>, shown by the
/// <c>imagepipeline.messaging.error_queue.messages</c> gauge and by <see cref="ErrorQueueHealthCheck"/>.
/// </summary>
public sealed class ErrorQueues(ILogger<ErrorQueues> logger) : IReceiveEndpointObserver
{
    public const string Suffix = "_error";

    private const ushort NotFound = 404;

    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, long> _counts = FrozenDictionary<string, long>.Empty;

    /// <summary>Messages per error queue at the last read; a queue that does not exist yet (nothing ever faulted) counts 0.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>When the broker last answered for every queue; null before the first read.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Reads every known error queue's count from the broker of <paramref name="bus"/>, within <paramref name="timeout"/>.</summary>
    public async Task ReadAsync(IBusInstance bus, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        // the in-memory bus of component tests has no broker and no error queues to read
        if (bus.HostConfiguration is not IRabbitMqHostConfiguration rabbit || _names.IsEmpty)
        {
            return;
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await rabbit.ConnectionContextSupervisor
            .Send(Pipe.ExecuteAsync<ConnectionContext>(async connection =>
            {
                foreach (var name in _names.Keys.Order(StringComparer.Ordinal))
                {
                    counts[name] = await CountAsync(connection.Connection, name, limit.Token);
                }
            }), limit.Token)
            .WaitAsync(limit.Token);
        Report(counts);
        _counts = counts.ToFrozenDictionary(StringComparer.Ordinal);
        ReadAt = DateTimeOffset.UtcNow;
    }

    private static async Task<long> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // a channel per queue: a declare of a queue that is not there closes its channel
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return declared.MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotFound)
        {
            // MassTransit creates an error queue with its first faulted message
            return 0;
        }
    }

    // an operator reading the service's log learns of a new poison message once, not on every read
    private void Report(Dictionary<string, long> counts)
    {
        var before = _counts;
        foreach (var (queue, count) in counts)
        {
            var previous = before.GetValueOrDefault(queue);
            if (count > previous)
            {
                logger.LogWarning("{Count} message(s) wait in {ErrorQueue} (was {Previous}): they failed every retry and are consumed " +
                    "by nobody until replayed or discarded (docs/reliability.md, 'Error queues')", count, queue, previous);
            }
            else if (count == 0 && previous > 0)
            {
                logger.LogInformation("{ErrorQueue} is empty again", queue);
            }
        }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        // the bus's own endpoint is a temporary queue with no error queue of its own worth watching
        var address = ready.InputAddress;
        if (!address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)
            && !address.Query.Contains("autodelete=", StringComparison.OrdinalIgnoreCase))
        {
            _names.TryAdd(address.Segments[^1] + Suffix, 0);
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
