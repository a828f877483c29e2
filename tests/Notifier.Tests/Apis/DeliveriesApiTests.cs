using System.Net;
using System.Net.Http.Json;
using ImagePipeline.Notifier.Apis;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;

namespace ImagePipeline.Notifier.Tests.Apis;

public sealed class DeliveriesApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Lists_a_requests_deliveries_with_their_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 202);
        await using var app = NotifierApp.Create();
        var message = Messages.Completed(receiver.Url);
        await app.PublishAsync(message);
        var stored = await app.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the delivery to be Delivered");
        using var client = app.CreateClient();

        var listed = await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/deliveries?requestId={message.RequestId}");
        var one = await client.GetFromJsonAsync<DeliveryResponse>($"/api/deliveries/{stored.Id}");

        var delivery = Assert.Single(listed!);
        Assert.Equal(stored.Id, delivery.Id);
        Assert.Equal(Assert.Single(receiver.Received).Id, delivery.WebhookId);
        Assert.Equal("Delivered", delivery.Status);
        Assert.Equal("request.completed", delivery.EventType);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(202, Assert.Single(delivery.Attempts).StatusCode);
        Assert.Equal(delivery.Id, one!.Id);
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_delivery_and_400_without_a_request_id()
    {
        await using var app = NotifierApp.Create();
        using var client = app.CreateClient();

        using var unknown = await client.GetAsync($"/api/deliveries/{Guid.NewGuid()}");
        using var missing = await client.GetAsync("/api/deliveries");
        var empty = await client.GetFromJsonAsync<DeliveryResponse[]>($"/api/deliveries?requestId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("requestId", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(empty!);
    }
}
