using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ServiceDefaults.Files;
using MassTransit;

namespace ImagePipeline.ImageWorker.Consumers;

/// <summary>
/// Downloads, compresses and stores one image, then says how it went. A bad image (bad URL, bad answer, not an image,
/// too large, corrupt) is a result, published as <see cref="ImageFailed"/>; only the worker's own infrastructure failing
/// (file store, bus) throws, so the bus retries. The output key depends only on the image ID and format, so a
/// redelivered message overwrites its earlier output.
/// </summary>
public sealed class ProcessImageConsumer(
    ImageDownloader downloader,
    ImageCompressor compressor,
    CodecGate codec,
    IFileStore files,
    PublicUrls urls,
    ILogger<ProcessImageConsumer> logger) : IConsumer<ProcessImage>
{
    public static string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task Consume(ConsumeContext<ProcessImage> context)
    {
        var message = context.Message;
        if (await IsCancelledAsync(message.RequestId, context.CancellationToken))
        {
            await PublishFailureAsync(context, ImageFailureReasons.Cancelled, "the request was cancelled before this image was started.");
            return;
        }
        long bytesIn;
        CompressedImage image;
        try
        {
            var download = await downloader.DownloadAsync(message.SourceUrl, context.CancellationToken);
            bytesIn = download.Content.Length;
            image = await codec.RunAsync(() => Compress(message.ImageId, download), context.CancellationToken);
        }
        catch (ImageFailureException failure)
        {
            await PublishFailureAsync(context, failure.ReasonCode, failure.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // a fault in our processing of this one image must not stall the request behind endless redeliveries
            logger.LogError(ex, "Image {ImageId} of request {RequestId} failed unexpectedly", message.ImageId, message.RequestId);
            await PublishFailureAsync(context, ImageFailureReasons.ProcessingFailed, "the image could not be processed (an internal error).");
            return;
        }

        var key = FileKey.ForImage(message.ImageId, image.Format.Extension);
        await using (var content = image.OpenRead())
        {
            await files.SaveAsync(key, content, context.CancellationToken);
        }

        var bytesOut = (long)image.Content.Length;
        logger.LogInformation(
            "Image {ImageId} of request {RequestId}: {Format} {Width}x{Height}, {BytesIn} -> {BytesOut} bytes, quality {SourceQuality} -> {OutputQuality}{Kept}",
            message.ImageId, message.RequestId, image.Format.Name, image.Width, image.Height, bytesIn, bytesOut,
            image.SourceQuality, image.OutputQuality, image.KeptSource ? " (re-encode was not smaller; source kept)" : "");
        ImageWorkerTelemetry.Processed(image.Format.Name, bytesIn, bytesOut);
        await context.Publish(new ImageProcessed(
            message.RequestId, message.ImageId, key, urls.File(key), bytesIn, bytesOut, image.Width, image.Height,
            image.Format.Name, image.SourceQuality, image.OutputQuality, WorkerId), context.CancellationToken);
    }

    // Ingest ignores the result of an image of a cancelled request: this only spares the download and the codec
    private async Task<bool> IsCancelledAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var marker = await files.OpenReadAsync(FileKey.ForCancellation(requestId), cancellationToken);
        return marker is not null;
    }

    private CompressedImage Compress(Guid imageId, DownloadedImage download)
    {
        using var activity = ImageWorkerTelemetry.StartCompression(imageId, download.Content.Length);
        try
        {
            var image = compressor.Compress(download.Content);
            activity?.SetTag("imagepipeline.format", image.Format.Name);
            activity?.SetTag("imagepipeline.bytes_out", image.Content.Length);
            return image;
        }
        catch (ImageFailureException failure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.ReasonCode);
            throw;
        }
    }

    private async Task PublishFailureAsync(ConsumeContext<ProcessImage> context, string reasonCode, string reason)
    {
        var message = context.Message;
        logger.LogWarning("Image {ImageId} of request {RequestId} from {SourceUrl} failed: {ReasonCode}: {Reason}",
            message.ImageId, message.RequestId, message.SourceUrl, reasonCode, reason);
        ImageWorkerTelemetry.Failed(reasonCode);
        await context.Publish(new ImageFailed(message.RequestId, message.ImageId, reasonCode, reason, WorkerId), context.CancellationToken);
    }
}
