using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;

namespace ImagePipeline.Notifier.Tests.Consumers;

/// <summary>
/// RequestCompleted copies arriving while the first copy's delivery is still in progress: mid-attempt, and between a
/// failed attempt and its scheduled retry. (Copies after delivery, and two at once, are in
/// <see cref="RequestCompletedConsumerTests"/>.)
/// </summary>
public sealed class RequestCompletedDuplicateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // a few dispatcher polls (100 ms each in NotifierApp): long enough for a stray second send to show up
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task A_copy_arriving_while_the_first_attempt_is_in_flight_sends_nothing_more()
    {
        // the receiver holds its first answer, so the first copy's consumer is still waiting on it
        await using var receiver = await WebhookReceiver.StartAsync(call => new ReceiverAnswer(200, Delay: call == 1 ? TimeSpan.FromSeconds(3) : default));
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);
        var messageId = NewId.NextGuid();
        var first = ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message, messageId, copies: 1, Timeout);
        await receiver.WaitForAsync(1, Timeout);

        await ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message, messageId, copies: 1, Timeout);

        // the copy is done while the first attempt is still open: they overlapped, and the copy added nothing
        var pending = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Pending, 1, 0), (pending.Status, pending.AttemptCount, pending.Attempts.Count));
        await first;
        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        await Task.Delay(Settle);
        Assert.Single(receiver.Received);
        Assert.Equal(pending.Id, delivery.Id);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);
        Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
    }

    [Fact]
    public async Task Copies_arriving_while_a_retry_is_scheduled_neither_send_early_nor_schedule_another()
    {
        var wait = TimeSpan.FromSeconds(3);
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? 503 : 200);
        await using var app = NotifierApp.Create(NotifierApp.Schedule(wait));
        var message = Messages.Completed(receiver.Url, RequestStatuses.CompletedWithErrors);
        var messageId = NewId.NextGuid();
        await ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message, messageId, copies: 1, Timeout);
        var scheduled = await app.WaitForDeliveryAsync(message.RequestId, d => d.Attempts.Count == 1, Timeout, "the first attempt to be recorded");
        Assert.Equal(DeliveryStatus.Pending, scheduled.Status);

        // a broker redelivery of the same message and a republished one (Ingest repeats it by design), both at once
        await Task.WhenAll(
            ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message, messageId, copies: 2, Timeout),
            ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message with { }, NewId.NextGuid(), copies: 1, Timeout));

        var unchanged = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
        Assert.Equal(scheduled.Attempts, unchanged.Attempts);
        Assert.Equal(scheduled, unchanged with { Attempts = scheduled.Attempts });
        Assert.Single(receiver.Received);

        var delivered = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the retry to deliver");
        await Task.Delay(Settle);
        Assert.Equal([(1, 503), (2, 200)], delivered.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.True(delivered.Attempts[1].AttemptedAt >= scheduled.NextAttemptAt, "the retry kept its schedule");
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
    }

    [Fact]
    public async Task Two_copies_of_a_failed_request_at_once_make_one_request_failed_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url, RequestStatuses.Failed);

        await ConsumedCopies<RequestCompleted>.PublishAsync(app.Harness, message, NewId.NextGuid(), copies: 2, Timeout);

        await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        await Task.Delay(Settle);
        var delivery = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
        Assert.Equal(("request.failed", 1), (delivery.EventType, delivery.Attempts.Count));
        Assert.Contains("\"type\":\"request.failed\"", Assert.Single(receiver.Received).Body, StringComparison.Ordinal);
    }
}
