using System.Diagnostics;
using System.Globalization;
using System.Net;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using Xunit.Abstractions;

namespace ImagePipeline.Notifier.Tests.Webhooks;

/// <summary>
/// Receivers that never answer must not hold up anyone else's webhook: with 100 of them hanging (real listeners on
/// loopback that accept and stay silent), a healthy receiver's webhook is delivered while all 100 are still waiting.
/// </summary>
public sealed class SlowReceiverTests(ITestOutputHelper output)
{
    private const int Hanging = 100;
    private const int PerHostCap = 4;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // the hanging attempts must outlast the test: none may free its slot by timing out
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:RequestTimeout"] = "00:10:00",
        ["Webhooks:ClaimLease"] = "00:20:00",
        ["Webhooks:MaxConnectionsPerHost"] = PerHostCap.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_hundred_silent_hosts_do_not_delay_a_healthy_receiver()
    {
        // 127.0.0.2 … 127.0.0.101: a hundred hosts, each with one receiver that never answers
        await using var silent = SilentReceivers.Start(Enumerable.Range(2, Hanging).Select(last => IPAddress.Parse($"127.0.0.{last}")));
        await using var healthy = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create(Settings);
        var stuck = silent.All.Select(receiver => Messages.Completed(receiver.Url)).ToList();
        // the first one warms the process up (bus, schema, HTTP client); the second is the healthy receiver alone
        await DeliverHealthyAsync(app, healthy, received: 1);
        var alone = await DeliverHealthyAsync(app, healthy, received: 2);

        foreach (var message in stuck)
        {
            await app.PublishAsync(message);
        }
        await Eventually.TrueAsync(() => silent.All.All(receiver => receiver.Requests == 1), Timeout, "a request at each of the 100 silent receivers");
        var beside = await DeliverHealthyAsync(app, healthy, received: 3);

        Assert.Equal(0, silent.ClosedBySender);
        await AssertNoneRecordedAsync(app, stuck);
        output.WriteLine($"healthy webhook after its event: alone {alone.TotalMilliseconds:0} ms, beside {Hanging} attempts hanging on {Hanging} hosts {beside.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_hundred_silent_receivers_on_one_host_hold_only_that_hosts_share()
    {
        // 127.0.0.2 with a hundred ports: one host to the per-host cap, whatever the port
        await using var silent = SilentReceivers.Start(Enumerable.Repeat(IPAddress.Parse("127.0.0.2"), Hanging));
        await using var healthy = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create(Settings);
        var stuck = silent.All.Select(receiver => Messages.Completed(receiver.Url)).ToList();
        // the first one warms the process up (bus, schema, HTTP client); the second is the healthy receiver alone
        await DeliverHealthyAsync(app, healthy, received: 1);
        var alone = await DeliverHealthyAsync(app, healthy, received: 2);

        foreach (var message in stuck)
        {
            await app.PublishAsync(message);
        }
        // the hundred and the two healthy ones before them
        await app.WaitForConsumedAsync(Hanging + 2, Timeout);
        await Eventually.TrueAsync(() => silent.Requests == PerHostCap, Timeout, $"{PerHostCap} requests at the silent host");
        var beside = await DeliverHealthyAsync(app, healthy, received: 3);

        // none of the hanging ones gave up, so none made room for another: the host never had more than its share
        Assert.Equal(0, silent.ClosedBySender);
        Assert.Equal(PerHostCap, silent.Requests);
        await AssertNoneRecordedAsync(app, stuck);
        output.WriteLine($"healthy webhook after its event: alone {alone.TotalMilliseconds:0} ms, beside {Hanging} deliveries due to one silent host {beside.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// Publishes a healthy receiver's event and waits for its webhook (the <paramref name="received"/>-th there); the
    /// time it took is reported, never asserted.
    /// </summary>
    private static async Task<TimeSpan> DeliverHealthyAsync(NotifierApp app, WebhookReceiver healthy, int received)
    {
        var message = Messages.Completed(healthy.Url);
        var published = Stopwatch.StartNew();
        await app.PublishAsync(message);
        await healthy.WaitForAsync(received, Timeout);
        var elapsed = published.Elapsed;
        await app.WaitForDeliveryAsync(message.RequestId, delivery => delivery.Status == DeliveryStatus.Delivered, Timeout, "the healthy delivery to be Delivered");
        return elapsed;
    }

    private static async Task AssertNoneRecordedAsync(NotifierApp app, IEnumerable<RequestCompleted> stuck)
    {
        foreach (var message in stuck)
        {
            var delivery = Assert.Single(await app.Store.ListByRequestAsync(message.RequestId, CancellationToken.None));
            Assert.Equal(DeliveryStatus.Pending, delivery.Status);
            Assert.Empty(delivery.Attempts);
        }
    }
}
