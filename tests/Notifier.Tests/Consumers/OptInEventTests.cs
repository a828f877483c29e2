using System.Text.Json;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;

namespace ImagePipeline.Notifier.Tests.Consumers;

/// <summary>The opt-in events (<c>request.progress</c>, <c>image.failed</c>) through a real receiver, signed like completions.</summary>
public sealed class OptInEventTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Each_progress_sequence_is_one_signed_webhook_and_a_copy_of_one_changes_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var requestId = Guid.NewGuid();
        var first = Messages.Progressed(receiver.Url, requestId, sequence: 1, succeeded: 1);
        var second = Messages.Progressed(receiver.Url, requestId, sequence: 2, succeeded: 3);

        await app.PublishEventAsync(first);
        await app.PublishEventAsync(second);
        await app.PublishEventAsync(first);
        var received = await receiver.WaitForAsync(2, Timeout);
        await Task.Delay(Settle);

        Assert.Equal(2, receiver.Received.Count);
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);
        Assert.All(received, r => Assert.True(verifier.Verify(r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow)));
        var bodies = received.Select(r => JsonDocument.Parse(r.Body)).ToList();
        Assert.All(bodies, b => Assert.Equal("request.progress", b.RootElement.GetProperty("type").GetString()));
        var data = bodies.Select(b => b.RootElement.GetProperty("data")).OrderBy(d => d.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal([1L, 2L], data.Select(d => d.GetProperty("sequence").GetInt64()));
        Assert.Equal([40, 80], data.Select(d => d.GetProperty("percent").GetInt32()));
        Assert.Equal([3, 1], data.Select(d => d.GetProperty("imagesPending").GetInt32()));
        Assert.Equal(2, (await app.Store.ListByRequestAsync(requestId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_image_announced_again_with_a_new_sequence_is_still_one_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = NotifierApp.Create();
        var failed = Messages.ImageFailed(receiver.Url, Guid.NewGuid(), sequence: 4);

        await app.PublishEventAsync(failed);
        await receiver.WaitForAsync(1, Timeout);
        await app.PublishEventAsync(failed with { Sequence = 7 });
        await Task.Delay(Settle);

        var received = Assert.Single(receiver.Received);
        Assert.Equal(ImageResultWebhook.PayloadOf(failed), received.Body);
        using var json = JsonDocument.Parse(received.Body);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("image.failed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(
            (failed.ImageId, 3, "https://img.example/3/1.jpg", "http_404", 4L),
            (data.GetProperty("imageId").GetGuid(), data.GetProperty("row").GetInt32(), data.GetProperty("inputUrl").GetString(),
                data.GetProperty("reasonCode").GetString(), data.GetProperty("sequence").GetInt64()));
    }
}
