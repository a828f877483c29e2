using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class RequestCompletedWebhookTests
{
    [Fact]
    public void Payload_has_the_Standard_Webhooks_shape_in_camel_case()
    {
        var message = Messages.Completed(new Uri("http://127.0.0.1/hook"), RequestStatuses.CompletedWithErrors);

        using var json = JsonDocument.Parse(RequestCompletedWebhook.PayloadOf(message));

        var root = json.RootElement;
        Assert.Equal("request.completed", root.GetProperty("type").GetString());
        Assert.Equal(message.CompletedAt, root.GetProperty("timestamp").GetDateTimeOffset());
        var data = root.GetProperty("data");
        Assert.Equal(message.RequestId, data.GetProperty("requestId").GetGuid());
        Assert.Equal("CompletedWithErrors", data.GetProperty("status").GetString());
        Assert.Equal(2, data.GetProperty("productCount").GetInt32());
        Assert.Equal(5, data.GetProperty("imagesTotal").GetInt32());
        Assert.Equal(4, data.GetProperty("imagesSucceeded").GetInt32());
        Assert.Equal(1, data.GetProperty("imagesFailed").GetInt32());
        Assert.Equal(message.OutputCsvUrl, data.GetProperty("outputCsvUrl").GetString());
        Assert.Equal(message.CompletedAt, data.GetProperty("completedAt").GetDateTimeOffset());
    }

    [Fact]
    public void A_failed_request_is_a_request_failed_event()
    {
        var message = Messages.Completed(new Uri("http://127.0.0.1/hook"), RequestStatuses.Failed) with { OutputCsvUrl = null };

        using var json = JsonDocument.Parse(RequestCompletedWebhook.PayloadOf(message));

        Assert.Equal("request.failed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data").GetProperty("outputCsvUrl").ValueKind);
        Assert.Equal($"request.failed:{message.RequestId}", RequestCompletedWebhook.EventIdOf(message));
    }

    [Fact]
    public void The_same_event_gets_the_same_identity_and_body()
    {
        var message = Messages.Completed(new Uri("http://127.0.0.1/hook"));

        var first = RequestCompletedWebhook.CreateDelivery(message, DateTimeOffset.UtcNow, traceParent: null);
        var second = RequestCompletedWebhook.CreateDelivery(message, DateTimeOffset.UtcNow.AddMinutes(1), traceParent: null);

        Assert.Equal(first.EventId, second.EventId);
        Assert.Equal(first.Payload, second.Payload);
    }
}
