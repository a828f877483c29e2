using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Events;

/// <summary>
/// Announces the opt-in webhook events of a request (<c>webhookEvents</c> at upload): a result's <c>image.processed</c>
/// or <c>image.failed</c>, and <c>request.progress</c> at most once per <see cref="ProgressOptions.ProgressInterval"/>.
/// Each takes the request's next event sequence in the store, so a receiver can tell a stale event from a newer one
/// whatever order they arrive in. A request that chose none costs nothing here.
/// </summary>
public sealed class RequestEventAnnouncer(IIngestStore store, IOptions<ProgressOptions> options, TimeProvider time)
{
    /// <summary>
    /// After a result was recorded (or found recorded: a redelivery repeats an announcement a crash may have lost;
    /// Notifier keeps one delivery per image and attempt). The image is announced as stored, so a late result for an
    /// image that a cancel took is not announced.
    /// </summary>
    public async Task AfterResultAsync(IPublishEndpoint bus, Guid imageId, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(request);
        if (request.WebhookUrl is null || request.WebhookEvents is null)
        {
            return;
        }
        if ((WebhookEvents.Includes(request.WebhookEvents, WebhookEvents.ImageProcessed) || WebhookEvents.Includes(request.WebhookEvents, WebhookEvents.ImageFailed))
            && await store.GetImageAsync(request.RequestId, imageId, cancellationToken) is { } image
            && AnnouncedType(image) is { } type
            && WebhookEvents.Includes(request.WebhookEvents, type)
            && await store.NextEventSequenceAsync(request.RequestId, cancellationToken) is { } sequence)
        {
            await bus.Publish(new ImageResultAnnounced
            {
                RequestId = request.RequestId,
                ImageId = image.ImageId,
                Sequence = sequence,
                Attempt = request.Attempt,
                RowNumber = image.RowNumber,
                Position = image.Position,
                SourceUrl = image.SourceUrl,
                Succeeded = type == WebhookEvents.ImageProcessed,
                OutputUrl = image.Outcome.OutputUrl,
                BytesIn = image.Outcome.BytesIn,
                BytesOut = image.Outcome.BytesOut,
                ReasonCode = image.Outcome.ReasonCode,
                Reason = image.Outcome.Reason,
                ImagesTotal = request.ImagesTotal,
                ImagesSucceeded = request.ImagesSucceeded,
                ImagesFailed = request.ImagesFailed,
                WebhookUrl = request.WebhookUrl,
                ClientId = request.ClientId,
                At = image.CompletedAt ?? time.GetUtcNow(),
            }, cancellationToken);
        }
        if (WebhookEvents.Includes(request.WebhookEvents, WebhookEvents.RequestProgress))
        {
            await AnnounceProgressAsync(bus, request.RequestId, cancellationToken);
        }
    }

    /// <summary>Sends a progress event if one is due; the sweep calls it for every Processing request.</summary>
    public async Task AnnounceProgressAsync(IPublishEndpoint bus, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var now = time.GetUtcNow();
        if (await store.ClaimProgressAsync(requestId, now, now - options.Value.ProgressInterval, cancellationToken) is { WebhookUrl: { } url } claimed)
        {
            await bus.Publish(new RequestProgressed
            {
                RequestId = claimed.RequestId,
                Sequence = claimed.EventSequence,
                Attempt = claimed.Attempt,
                Status = claimed.Status,
                ProductCount = claimed.ProductCount,
                ImagesTotal = claimed.ImagesTotal,
                ImagesSucceeded = claimed.ImagesSucceeded,
                ImagesFailed = claimed.ImagesFailed,
                WebhookUrl = url,
                ClientId = claimed.ClientId,
                At = now,
            }, cancellationToken);
        }
    }

    private static string? AnnouncedType(ImageRecord image) => image.Status switch
    {
        ImageStatuses.Succeeded => WebhookEvents.ImageProcessed,
        ImageStatuses.Failed => WebhookEvents.ImageFailed,
        _ => null,
    };
}
