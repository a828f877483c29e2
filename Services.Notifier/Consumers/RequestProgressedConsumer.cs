using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Webhooks;
using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>Records the <c>request.progress</c> webhook of a request that asked for progress events.</summary>
public sealed class RequestProgressedConsumer(WebhookEventRecorder recorder, TimeProvider time) : IConsumer<RequestProgressed>
{
    public Task Consume(ConsumeContext<RequestProgressed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return recorder.RecordAsync(message.RequestId, message.WebhookUrl, message.ClientId,
            () => RequestProgressWebhook.CreateDelivery(message, time.GetUtcNow(), Activity.Current?.Id), context.CancellationToken);
    }
}
