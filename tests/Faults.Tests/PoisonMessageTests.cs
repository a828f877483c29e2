using ImagePipeline.Contracts;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.Waiting;
using MassTransit;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// A message no retry can fix (an export of a request Ingest has never heard of) ends in its queue's <c>_error</c>
/// queue with the fault, once; and the operator's replay from docs/reliability.md puts it back in front of the consumer.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PoisonMessageTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const string Queue = "export-requested";
    private const string ErrorQueueName = Queue + "_error";

    [RequiresLocalAppHostFact]
    public async Task A_poison_message_ends_in_the_error_queue_with_its_fault_never_loops_and_can_be_replayed()
    {
        await fixture.EnsureAllHealthyAsync();
        var broker = fixture.Resources.Latest(fixture.InstanceOf("messaging"))!;
        var rabbitmq = RabbitMQControl.For(broker.Snapshot);
        var connectionString = await fixture.MessagingConnectionStringAsync();
        var before = await ErrorDepthAsync(rabbitmq);
        var requestId = Guid.NewGuid();

        await PublishAsync(connectionString, new ExportRequested(requestId));

        // retried in process (Messaging:RetryLimit), then moved aside: exactly one copy in the error queue
        // (each look runs rabbitmqctl, so once a second, not back to back)
        await Eventually.TrueAsync(async () => await ErrorDepthAsync(rabbitmq) >= before + 1, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1),
            $"{ErrorQueueName} to hold {before + 1} messages, the poison one added");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var depths = await rabbitmq.QueueDepthsAsync();
        Assert.Equal(before + 1, depths.GetValueOrDefault(ErrorQueueName));
        Assert.Equal(0, depths.GetValueOrDefault(Queue));

        var poisoned = await FindAsync(connectionString, requestId);
        output.WriteLine($"in {ErrorQueueName}: {poisoned.Headers.GetValueOrDefault("MT-Fault-ExceptionType")}: {poisoned.Headers.GetValueOrDefault("MT-Fault-Message")}");
        Assert.Equal("fault", poisoned.Headers.GetValueOrDefault("MT-Reason"));
        Assert.Contains("HttpRequestException", poisoned.Headers.GetValueOrDefault("MT-Fault-ExceptionType"), StringComparison.Ordinal);
        Assert.Contains("404", poisoned.Headers.GetValueOrDefault("MT-Fault-Message"), StringComparison.Ordinal);
        var firstFault = poisoned.Headers.GetValueOrDefault("MT-Fault-Timestamp");

        // the operator's replay: a one-off shovel that moves the messages counted above from the error queue back to
        // the queue's exchange, then deletes itself (a count, not "queue-length": that is sampled once at start)
        var count = (await rabbitmq.QueueDepthsAsync()).GetValueOrDefault(ErrorQueueName);
        await rabbitmq.RunAsync("rabbitmq-plugins", "enable", "rabbitmq_shovel");
        await rabbitmq.RunAsync("rabbitmqctl", "set_parameter", "shovel", $"replay-{Queue}",
            $$"""{"src-uri":"amqp://","src-queue":"{{ErrorQueueName}}","src-delete-after":{{count}},"dest-uri":"amqp://","dest-exchange":"{{Queue}}"}""");

        // still poison, so it comes back, faulted a second time: it reached the consumer again
        await Eventually.TrueAsync(async () =>
        {
            var again = await ErrorQueue.PeekAsync(connectionString, ErrorQueueName);
            if (again is null || !again.Body.Contains(requestId.ToString(), StringComparison.Ordinal)
                || again.Headers.GetValueOrDefault("MT-Fault-Timestamp") == firstFault)
            {
                return false;
            }
            output.WriteLine($"replayed: faulted again at {again.Headers.GetValueOrDefault("MT-Fault-Timestamp")} (first {firstFault})");
            return true;
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), $"the replayed message back in {ErrorQueueName}, faulted a second time");

        // leave the broker as the other tests expect it: the poison message gone
        await rabbitmq.RunAsync("rabbitmqctl", "purge_queue", ErrorQueueName);
    }

    /// <summary>Publishes <paramref name="message"/> straight to the broker, as any other publisher would.</summary>
    internal static async Task PublishAsync(string connectionString, ExportRequested message)
    {
        var uri = new Uri(connectionString);
        var credentials = uri.UserInfo.Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(uri.Host, (ushort)uri.Port, "/", host =>
        {
            host.Username(Uri.UnescapeDataString(credentials[0]));
            host.Password(Uri.UnescapeDataString(credentials[1]));
        }));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bus.StartAsync(deadline.Token);
        try
        {
            await bus.Publish(message, deadline.Token);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<long> ErrorDepthAsync(RabbitMQControl rabbitmq) =>
        (await rabbitmq.QueueDepthsAsync()).GetValueOrDefault(ErrorQueueName);

    private static async Task<ErrorQueue.PeekedMessage> FindAsync(string connectionString, Guid requestId)
    {
        var message = await ErrorQueue.PeekAsync(connectionString, ErrorQueueName);
        Assert.NotNull(message);
        Assert.Contains(requestId.ToString(), message.Body, StringComparison.Ordinal);
        return message;
    }
}
