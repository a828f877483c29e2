using System.Net;
using System.Net.Http.Json;
using ImagePipeline.Notifier.Apis;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Notifier.Tests.Apis;

public sealed class DeliveriesApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lists_a_requests_deliveries_with_their_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 202);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);
        await app.PublishAsync(message);
        var stored = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        using var client = app.CreateClient();

        var listed = await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/requests/{message.RequestId}/deliveries");
        var one = await client.GetFromJsonAsync<DeliveryResponse>($"/api/deliveries/{stored.Id}");

        var delivery = Assert.Single(listed!);
        Assert.Equal(stored.Id, delivery.Id);
        Assert.Equal(message.RequestId, delivery.RequestId);
        Assert.Equal(Assert.Single(receiver.Received).Id, delivery.WebhookId);
        Assert.Equal(("Delivered", 1, 1), (delivery.Status, delivery.AttemptCount, delivery.Series));
        Assert.Equal("request.completed", delivery.EventType);
        Assert.Null(delivery.NextAttemptAt);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal((1, 1, 202), (attempt.Number, attempt.Series, attempt.StatusCode));
        Assert.Equal(delivery, one! with { Attempts = delivery.Attempts });
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_delivery_and_an_empty_list_for_a_request_without_deliveries()
    {
        await using var app = NotifierApp.Create();
        using var client = app.CreateClient();

        using var unknown = await client.GetAsync($"/api/deliveries/{Guid.NewGuid()}");
        using var redeliverUnknown = await client.PostAsync($"/api/deliveries/{Guid.NewGuid()}/redeliver", content: null);
        var empty = await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/requests/{Guid.NewGuid()}/deliveries");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, redeliverUnknown.StatusCode);
        Assert.Empty(empty!);
    }

    [Fact]
    public async Task Redelivering_a_failed_delivery_sends_it_again_with_the_same_webhook_id_as_a_new_series()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call <= 2 ? 500 : 200);
        await using var app = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromMilliseconds(50)));
        var message = Messages.Completed(receiver.Url);
        await app.PublishAsync(message);
        var failed = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Failed, Timeout, "the delivery to be Failed");
        using var client = app.CreateClient();
        var shownFailed = Assert.Single((await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/requests/{message.RequestId}/deliveries"))!);
        Assert.Equal(("Failed", 2), (shownFailed.Status, shownFailed.Attempts.Count));

        using var response = await client.PostAsync($"/api/deliveries/{failed.Id}/redeliver", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/deliveries/{failed.Id}", response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<DeliveryResponse>();
        Assert.Equal((failed.Id, 2), (accepted!.Id, accepted.Series));

        var delivered = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the redelivery to be Delivered");
        Assert.Equal([(1, 1, 500), (2, 1, 500), (3, 2, 200)], delivered.Attempts.Select(a => (a.Number, a.Series, a.StatusCode ?? 0)));
        var received = await receiver.WaitForAsync(3, Timeout);
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal(WebhookHeaders.MessageId(failed.Id), r.Id));
        Assert.Equal(received[0].Body, received[2].Body);
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);
        Assert.True(verifier.Verify(received[2].Id, received[2].Timestamp, received[2].Signature, received[2].Body, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Redelivering_a_delivery_that_is_still_pending_is_a_conflict_and_changes_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var app = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromHours(1)));
        var message = Messages.Completed(receiver.Url);
        await app.PublishAsync(message);
        var pending = await app.WaitForDeliveryAsync(message.RequestId, d => d.Attempts.Count == 1, Timeout, "the first attempt to be recorded");
        using var client = app.CreateClient();

        using var response = await client.PostAsync($"/api/deliveries/{pending.Id}/redeliver", content: null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The delivery is still pending", problem!.Title);
        var unchanged = await app.Store.FindAsync(pending.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 1, pending.NextAttemptAt), (unchanged!.Status, unchanged.Series, unchanged.NextAttemptAt));
        Assert.Single(receiver.Received);
    }
}
