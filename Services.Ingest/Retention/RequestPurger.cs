using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;
using MassTransit;

namespace ImagePipeline.Ingest.Retention;

/// <summary>
/// Purges one finished request, for its client's <c>DELETE …?purge=true</c> and for the retention sweep alike: files
/// first, then the other services' records (<see cref="RequestPurged"/>), then Ingest's rows, last of all the request
/// itself. Ingest's rows are what tells a repeat what to delete, so they go last: a purge cut short anywhere leaves a
/// finished request that a repeat or the next sweep purges again, and every step is safe to repeat (a missing file, a
/// second <see cref="RequestPurged"/> and a gone row are no errors). An output is deleted only when no other request
/// uses it (<see cref="IIngestStore.ReleaseOutputAsync"/>): requests of one client share the outputs they reuse.
/// </summary>
public sealed class RequestPurger(IIngestStore store, IFileStore files)
{
    /// <summary>What a worker may have stored for an image a cancel took while it was in flight (no key was recorded), besides its previews.</summary>
    private static readonly string[] ImageExtensions = ["jpg", "png", "webp", "gif"];

    public async Task<PurgeResult> PurgeAsync(Guid requestId, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is null)
        {
            return new PurgeResult(PurgeOutcome.NotFound);
        }
        if (!RequestStatuses.IsFinal(request.Status))
        {
            return new PurgeResult(PurgeOutcome.StillRunning, request.Status);
        }

        await DeleteImageFilesAsync(requestId, cancellationToken);
        await files.DeleteAsync(request.CsvFileKey, cancellationToken);
        await files.DeleteAsync(request.OutputCsvKey ?? FileKey.ForExport(requestId), cancellationToken);
        await files.DeleteAsync(FileKey.ForCancellation(requestId), cancellationToken);
        await publish.Publish(new RequestPurged(requestId), cancellationToken);
        // false: a retry re-opened it after the look above (its files are gone; it finishes without them) or a
        // concurrent purge deleted it first
        return await store.DeleteRequestAsync(requestId, cancellationToken)
            ? new PurgeResult(PurgeOutcome.Purged)
            : await store.GetRequestAsync(requestId, cancellationToken) is { } reopened
                ? new PurgeResult(PurgeOutcome.StillRunning, reopened.Status)
                : new PurgeResult(PurgeOutcome.Purged);
    }

    /// <summary>The output and its previews, as the worker recorded them.</summary>
    private static IEnumerable<string> RecordedKeys(ImageOutcome outcome) =>
        new[] { outcome.OutputKey, outcome.SourcePreviewKey, outcome.OutputPreviewKey }.OfType<string>();

    private static IEnumerable<string> PossibleKeys(Guid imageId) =>
        ImageExtensions.Select(extension => FileKey.ForImage(imageId, extension))
            .Append(FileKey.ForPreview(imageId, FileKey.SourcePreview))
            .Append(FileKey.ForPreview(imageId, FileKey.OutputPreview));

    private async Task DeleteImageFilesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await foreach (var product in store.GetProductsAsync(requestId, cancellationToken))
        {
            foreach (var image in product.Images)
            {
                if (image.Outcome.OutputKey is { } output)
                {
                    // an output other requests still use (reused, or offered for reuse) stays until its last user is purged
                    if (!await store.ReleaseOutputAsync(requestId, output, cancellationToken))
                    {
                        continue;
                    }
                    foreach (var key in RecordedKeys(image.Outcome))
                    {
                        await files.DeleteAsync(key, cancellationToken);
                    }
                }
                else if (image.Status == ImageStatuses.Cancelled)
                {
                    foreach (var key in PossibleKeys(image.ImageId))
                    {
                        await files.DeleteAsync(key, cancellationToken);
                    }
                }
            }
        }
    }
}
