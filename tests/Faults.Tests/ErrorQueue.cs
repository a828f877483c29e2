using System.Text;
using RabbitMQ.Client;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// An operator's look at error queues over AMQP: the first message of a queue without taking it away (get, then reject
/// with requeue), and a queue's exact depth (a passive declare, as the services' health check reads it; rabbitmqctl's
/// list of a quorum queue's messages lags by seconds, and read 0 for a message that was there in a CI run).
/// </summary>
public static class ErrorQueue
{
    /// <summary>How many messages each queue holds now, by a passive declare on one connection.</summary>
    public static async Task<long> DepthAsync(string connectionString, IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        long total = 0;
        foreach (var queue in queues)
        {
            // a failed passive declare closes its channel: one channel per queue
            await using var channel = await connection.CreateChannelAsync();
            total += (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        return total;
    }

    public sealed record PeekedMessage(IReadOnlyDictionary<string, string> Headers, string Body);

    public static async Task<PeekedMessage?> PeekAsync(string connectionString, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false);
        if (message is null)
        {
            return null;
        }
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
            .ToDictionary(h => h.Key, h => h.Value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => "",
                var other => other.ToString() ?? "",
            });
        return new PeekedMessage(headers, Encoding.UTF8.GetString(message.Body.Span));
    }
}
