using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Testing;
using Xunit;

namespace ImagePipeline.TestSupport.Messaging;

/// <summary>
/// Copies of one message under one message ID, as a broker redelivers it, and a count of their consumptions. The
/// harness's Consumed list keeps one entry per message ID, so it never sees the second copy; this observer sees each.
/// </summary>
public sealed class ConsumedCopies<T> : IConsumeMessageObserver<T> where T : class
{
    private readonly Guid _messageId;
    private readonly ConcurrentQueue<Exception?> _finished = new();

    private ConsumedCopies(Guid messageId) => _messageId = messageId;

    /// <summary>
    /// Publishes <paramref name="copies"/> copies of <paramref name="message"/> with the message ID
    /// <paramref name="messageId"/> all at once, then waits (at most <paramref name="timeout"/>) until every copy was
    /// consumed, and asserts none of them threw.
    /// </summary>
    public static async Task PublishAsync(ITestHarness harness, T message, Guid messageId, int copies, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var observer = new ConsumedCopies<T>(messageId);
        var connection = harness.Bus.ConnectConsumeMessageObserver(observer);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => harness.Bus.Publish(message, context => context.MessageId = messageId)));
            using var deadline = new CancellationTokenSource(timeout);
            while (observer._finished.Count < copies)
            {
                await Task.Delay(10, deadline.Token);
            }
        }
        finally
        {
            connection.Disconnect();
        }
        Assert.All(observer._finished, exception => Assert.Null(exception));
    }

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        if (context.MessageId == _messageId)
        {
            _finished.Enqueue(null);
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        if (context.MessageId == _messageId)
        {
            _finished.Enqueue(exception);
        }
        return Task.CompletedTask;
    }
}
