using ImagePipeline.Contracts;
using ImagePipeline.Storage.Files;
using Microsoft.Extensions.Options;
using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Makes and stores the previews of an image the codec has just processed: one of the source (so no browser ever
/// fetches a client's URL) and one of the output, as it was stored. They are stored beside the output under
/// <c>images/</c>, so <c>/files</c> serves them by the output's rules. A preview is a convenience: one that cannot be
/// made leaves the image without previews (logged), never fails it.
/// </summary>
public sealed class PreviewWriter(
    CodecGate codec,
    IFileStore files,
    PublicUrls urls,
    IOptions<ImageWorkerOptions> options,
    ILogger<PreviewWriter> logger)
{
    private readonly PreviewEncoder? _encoder = PreviewEncoder.For(options.Value);

    /// <summary>Makes both previews, or null when previews are off (<c>ImageWorker:PreviewSize</c> 0) or could not be made.</summary>
    public ImagePreviews? Make(ReadOnlyMemory<byte> source, CompressedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_encoder is null)
        {
            return null;
        }
        var sourcePreview = image.SourcePreview ?? _encoder.Encode(source);
        // a kept source is the output byte for byte: its preview is the same
        var outputPreview = image.KeptSource ? sourcePreview : _encoder.Encode(image.Content);
        return new ImagePreviews(sourcePreview, outputPreview);
    }

    /// <summary>
    /// Makes the previews in a codec slot, stores them and returns <paramref name="outcome"/> with their keys and URLs;
    /// <paramref name="outcome"/> unchanged when there are none.
    /// </summary>
    public async Task<ImageOutcome> AddPreviewsAsync(Guid imageId, ReadOnlyMemory<byte> source, CompressedImage image, ImageOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ImagePreviews? previews;
        try
        {
            previews = await codec.RunAsync(() => Make(source, image), cancellationToken);
        }
        catch (VipsException ex)
        {
            logger.LogWarning(ex, "No previews for image {ImageId}: libvips could not make them", imageId);
            return outcome;
        }
        if (previews is null)
        {
            return outcome;
        }
        var sourceKey = FileKey.ForPreview(imageId, FileKey.SourcePreview);
        var outputKey = FileKey.ForPreview(imageId, FileKey.OutputPreview);
        await SaveAsync(sourceKey, previews.Source, cancellationToken);
        await SaveAsync(outputKey, previews.Output, cancellationToken);
        return outcome with
        {
            SourcePreviewKey = sourceKey,
            SourcePreviewUrl = urls.File(sourceKey),
            OutputPreviewKey = outputKey,
            OutputPreviewUrl = urls.File(outputKey),
        };
    }

    private async Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content, writable: false);
        await files.SaveAsync(key, stream, cancellationToken);
    }
}
