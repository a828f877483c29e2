using System.Text;
using RabbitMQ.Client;

namespace ImagePipeline.Faults.Tests;

/// <summary>Reads the first message of a queue without taking it away (get, then reject with requeue), as an operator's peek.</summary>
public static class ErrorQueue
{
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
