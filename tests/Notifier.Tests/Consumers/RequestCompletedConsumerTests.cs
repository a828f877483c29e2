using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Consumers;

public sealed class RequestCompletedConsumerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // a few dispatcher polls (100 ms each in NotifierApp): long enough for a stray second send to show up
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task One_event_makes_one_signed_POST_with_the_payload()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var received = Assert.Single(await receiver.WaitForAsync(1, Timeout));
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);
        Assert.True(verifier.Verify(received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.Equal(RequestCompletedWebhook.PayloadOf(message), received.Body);
        using (var json = JsonDocument.Parse(received.Body))
        {
            Assert.Equal("request.completed", json.RootElement.GetProperty("type").GetString());
            Assert.Equal(message.RequestId, json.RootElement.GetProperty("data").GetProperty("requestId").GetGuid());
        }

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        Assert.Equal(WebhookHeaders.MessageId(delivery.Id), received.Id);
        Assert.Equal(receiver.Url.ToString(), delivery.Url);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal((1, 200, (string?)null), (attempt.Number, attempt.StatusCode, attempt.Error));
        Assert.InRange(attempt.LatencyMs, 0, (long)Timeout.TotalMilliseconds);
    }

    [Fact]
    public async Task A_redelivered_event_is_sent_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);
        await receiver.WaitForAsync(1, Timeout);
        await app.PublishAsync(message);
        await app.WaitForConsumedAsync(2, Timeout);
        await Task.Delay(Settle);

        Assert.Single(receiver.Received);
        var delivery = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
        Assert.Single(delivery.Attempts);
    }

    [Fact]
    public async Task The_same_event_published_twice_at_once_is_sent_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await Task.WhenAll(app.PublishAsync(message), app.PublishAsync(message));
        var consumed = await app.WaitForConsumedAsync(2, Timeout);
        await Task.Delay(Settle);

        Assert.All(consumed, c => Assert.Null(c.Exception));
        Assert.Single(receiver.Received);
        var delivery = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Single(delivery.Attempts);
    }

    [Fact]
    public async Task A_request_without_a_webhook_delivers_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(webhook: null);

        await app.PublishAsync(message);
        var consumed = Assert.Single(await app.WaitForConsumedAsync(1, Timeout));
        await Task.Delay(Settle);

        Assert.Null(consumed.Exception);
        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_by_the_dispatcher_under_the_same_id_and_trace()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? 500 : 200);
        await using var app = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromMilliseconds(250)));
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the retried delivery to be Delivered");
        Assert.Equal([(1, 500), (2, 200)], delivery.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.True(delivery.Attempts[1].AttemptedAt >= delivery.Attempts[0].AttemptedAt.AddMilliseconds(248), "the retry waited for its schedule");

        // one attempt in the log is one HTTP request: no hidden retries inside the HTTP client
        var received = receiver.Received;
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal(WebhookHeaders.MessageId(delivery.Id), r.Id));
        Assert.Equal(received[0].Body, received[1].Body);
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);
        Assert.All(received, r => Assert.True(verifier.Verify(r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow)));

        Assert.NotNull(received[0].TraceId);
        Assert.Equal(received[0].TraceId, received[1].TraceId);
        Assert.Contains(received[0].TraceId!, delivery.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_recorded_as_an_error_and_retried()
    {
        // port 9 (discard) has no listener on loopback here, so the connection is refused at once
        var unreachable = new Uri("http://127.0.0.1:9/hooks");
        await using var app = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromMilliseconds(50)));
        var message = Messages.Completed(unreachable);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Failed, Timeout, "the delivery to be Failed");
        Assert.Equal([1, 2], delivery.Attempts.Select(a => a.Number));
        Assert.All(delivery.Attempts, attempt => Assert.Null(attempt.StatusCode));
        Assert.All(delivery.Attempts, attempt => Assert.Contains("ConnectionError", attempt.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_to_a_blocked_destination_is_never_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        // production settings: loopback is refused; only another loopback port is allowed, not the receiver's
        var settings = NotifierApp.Schedule(TimeSpan.FromMilliseconds(50));
        settings["Fetch:AllowPrivateNetworks"] = "false";
        settings["Fetch:AllowedHosts:0"] = $"127.0.0.1:{receiver.Url.Port + 1}";
        await using var app = NotifierApp.Create(settings);
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Failed, Timeout, "the delivery to be Failed");
        Assert.Equal(2, delivery.Attempts.Count);
        Assert.All(delivery.Attempts, attempt => Assert.Null(attempt.StatusCode));
        Assert.All(delivery.Attempts, attempt => Assert.Contains("loopback", attempt.Error, StringComparison.Ordinal));
        Assert.Empty(receiver.Received);
    }
}
