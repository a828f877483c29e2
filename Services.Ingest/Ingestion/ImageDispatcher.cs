using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Sends a request's images to the workers a window at a time: what the store releases (each image once, leased) is
/// published. Called when a request is recorded, on every result of it (refilling the window by what finished) and by
/// the reconciler's sweep, so a release lost in a crash is made good. A release whose message was lost stays leased
/// until the reconciler sends it again.
/// </summary>
public sealed class ImageDispatcher(IIngestStore store, DispatchPolicy policy, TimeProvider time)
{
    public async Task<int> ReleaseAsync(IPublishEndpoint publish, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        var released = await store.ReleaseImagesAsync(requestId, policy.WindowAt(time.GetUtcNow()), cancellationToken);
        foreach (var image in released)
        {
            await publish.Publish(new ProcessImage(image.RequestId, image.ImageId, image.SourceUrl) { Reusable = image.Reusable }, cancellationToken);
        }
        return released.Count;
    }
}
