using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Asks for every still-pending image of a request to be processed, sending while it reads. The messages go straight
/// to the bus, not through the consumer's outbox: the outbox would keep one message per image in memory until the
/// whole request had been read (300,000 for a full upload) and then send them one by one. Sending early is safe
/// because a redelivered <see cref="RequestSubmitted"/> asks again only for images still pending, and Ingest counts
/// each image's result once however often it is processed.
/// </summary>
public sealed class ImageFanOut(IIngestStore store, IBus bus, IOptions<IngestOptions> options)
{
    public async Task<int> PublishPendingAsync(ConsumeContext context, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var window = options.Value.FanOutConcurrency;
        var inFlight = new List<Task>(window);
        var sent = 0;
        await foreach (var image in store.GetPendingImagesAsync(requestId, cancellationToken))
        {
            inFlight.Add(bus.Publish(
                new ProcessImage(image.RequestId, image.ImageId, image.SourceUrl),
                // keeps the messages in the upload's conversation, as publishing through the context would
                (PublishContext<ProcessImage> publish) =>
                {
                    publish.ConversationId = context.ConversationId;
                    publish.InitiatorId = context.MessageId;
                },
                cancellationToken));
            sent++;
            if (inFlight.Count == window)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        await Task.WhenAll(inFlight);
        return sent;
    }
}
