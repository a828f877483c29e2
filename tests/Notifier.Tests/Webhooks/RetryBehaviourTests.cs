using System.Globalization;
using System.Net.Http.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Apis;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

/// <summary>How the Notifier answers each kind of receiver, through the real service, its dispatcher and its database.</summary>
public sealed class RetryBehaviourTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // a few dispatcher polls (100 ms each in NotifierApp) and the first scaled waits: long enough for a stray attempt to show up
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(800);

    // the times in the delivery log are whole milliseconds, each cut down
    private static readonly TimeSpan LogRounding = TimeSpan.FromMilliseconds(3);

    [Fact]
    public async Task A_429_with_retry_after_in_seconds_holds_the_retry_back_that_long()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? new ReceiverAnswer(429, RetryAfter: "1") : 200);
        // the schedule's next slot is 5 ms away (5 s scaled): only the Retry-After can make the retry wait a second
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        Assert.Equal([(1, 429), (2, 200)], delivery.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.True(delivery.Attempts[1].AttemptedAt - delivery.Attempts[0].AttemptedAt >= TimeSpan.FromSeconds(1) - LogRounding,
            $"the retry came {(delivery.Attempts[1].AttemptedAt - delivery.Attempts[0].AttemptedAt).TotalMilliseconds} ms after the 429");
        var received = receiver.Received;
        Assert.True(received[1].ReceivedAt - received[0].ReceivedAt >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task A_503_with_retry_after_as_an_http_date_holds_the_retry_back_until_then()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1
            ? new ReceiverAnswer(503, RetryAfter: DateTimeOffset.UtcNow.AddSeconds(3).ToString("r", CultureInfo.InvariantCulture))
            : 200);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        Assert.Equal([503, 200], delivery.Attempts.Select(a => a.StatusCode ?? 0));
        // an HTTP date has whole seconds: "3 s from now" is between 2 and 3 s away when it is read
        Assert.True(delivery.Attempts[1].AttemptedAt - delivery.Attempts[0].AttemptedAt >= TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task A_410_disables_the_delivery_after_one_attempt_and_only_that_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 410);
        await using var app = NotifierApp.Create();
        var first = Messages.Completed(receiver.Url);
        var second = Messages.Completed(receiver.Url);

        await app.PublishAsync(first);
        var disabled = await app.WaitForDeliveryAsync(first.RequestId, d => d.Status == DeliveryStatus.Disabled, Timeout, "the delivery to be Disabled");
        await Task.Delay(Settle);

        Assert.Equal((1, 410), (Assert.Single(disabled.Attempts).Number, disabled.Attempts[0].StatusCode));
        Assert.Null(disabled.NextAttemptAt);
        Assert.Single(receiver.Received);
        Assert.Equal(DeliveryStatus.Disabled, (await app.Store.FindAsync(disabled.Id, CancellationToken.None))?.Status);

        // no endpoint registry: each request names its webhook, so the next event to the same URL is still tried
        await app.PublishAsync(second);
        await app.WaitForDeliveryAsync(second.RequestId, d => d.Status == DeliveryStatus.Disabled, Timeout, "the second delivery to be Disabled");
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_gets_the_whole_standard_schedule_and_the_delivery_ends_failed()
    {
        const double scale = 0.00002; // the schedule's three days in about 5.4 s
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var app = NotifierApp.Create(new Dictionary<string, string?>
        {
            ["Webhooks:RetryScheduleScale"] = scale.ToString(CultureInfo.InvariantCulture),
        });
        var message = Messages.Completed(receiver.Url, RequestStatuses.Failed);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(
            message.RequestId, d => d.Status == DeliveryStatus.Failed, TimeSpan.FromSeconds(90), "the delivery to be Failed");
        Assert.Equal("request.failed", delivery.EventType);
        Assert.Equal(Enumerable.Range(1, 10), delivery.Attempts.Select(a => a.Number));
        Assert.All(delivery.Attempts, a => Assert.Equal((1, 500), (a.Series, a.StatusCode)));
        Assert.Null(delivery.NextAttemptAt);
        // each retry waited at least its scaled step less the jitter's fifth
        for (var i = 1; i < delivery.Attempts.Count; i++)
        {
            var gap = delivery.Attempts[i].AttemptedAt - delivery.Attempts[i - 1].AttemptedAt;
            var shortest = RetrySchedule.StandardWebhooks[i - 1] * scale * 0.8;
            Assert.True(gap >= shortest - LogRounding, $"attempt {i + 1} came {gap.TotalMilliseconds} ms after attempt {i}; at least {shortest.TotalMilliseconds} ms expected");
        }

        await Task.Delay(Settle);
        Assert.Equal(10, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        using var client = app.CreateClient();
        var listed = Assert.Single((await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/requests/{message.RequestId}/deliveries"))!);
        Assert.Equal(("Failed", 10, (DateTimeOffset?)null), (listed.Status, listed.Attempts.Count, listed.NextAttemptAt));
    }

    [Fact]
    public async Task A_timed_out_attempt_is_recorded_as_such_and_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? new ReceiverAnswer(200, Delay: TimeSpan.FromMinutes(2)) : 200);
        var settings = NotifierApp.Schedule(TimeSpan.FromMilliseconds(100));
        settings["Webhooks:RequestTimeout"] = "00:00:01";
        await using var app = NotifierApp.Create(settings);
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        Assert.Equal(2, delivery.Attempts.Count);
        var timedOut = delivery.Attempts[0];
        Assert.Null(timedOut.StatusCode);
        Assert.Contains("Timed out", timedOut.Error, StringComparison.Ordinal);
        // not before the 1 s timeout, and far short of the receiver's two minutes
        Assert.InRange(timedOut.LatencyMs, 900, (long)Timeout.TotalMilliseconds);
        Assert.Equal(200, delivery.Attempts[1].StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task Other_4xx_answers_are_failures_retried_on_the_schedule(int statusCode)
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? statusCode : 204);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        Assert.Equal([statusCode, 204], delivery.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.All(receiver.Received, r => Assert.Equal(WebhookHeaders.MessageId(delivery.Id), r.Id));
    }
}
