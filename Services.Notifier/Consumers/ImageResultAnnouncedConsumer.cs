using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Webhooks;
using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>Records the <c>image.processed</c> or <c>image.failed</c> webhook of a request that asked for them.</summary>
public sealed class ImageResultAnnouncedConsumer(WebhookEventRecorder recorder, TimeProvider time) : IConsumer<ImageResultAnnounced>
{
    public Task Consume(ConsumeContext<ImageResultAnnounced> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return recorder.RecordAsync(message.RequestId, message.WebhookUrl, message.ClientId,
            () => ImageResultWebhook.CreateDelivery(message, time.GetUtcNow(), Activity.Current?.Id), context.CancellationToken);
    }
}
