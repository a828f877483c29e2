using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Reuse;
using ImagePipeline.Outbound;
using ImagePipeline.Storage.Files;
using MassTransit;

namespace ImagePipeline.ImageWorker.Consumers;

/// <summary>
/// Downloads, compresses and stores one image, then says how it went. A bad image (bad URL, bad answer, not an image,
/// too large, corrupt) is a result, published as <see cref="ImageFailed"/>; only the worker's own infrastructure failing
/// (file store, bus) throws, so the bus retries. The output key depends only on the image ID and format, so a
/// redelivered message overwrites its earlier output.
/// Given an earlier request's output of the same URL (<see cref="ProcessImage.Reusable"/>) made under this worker's
/// fingerprint, it asks the origin conditionally: a <c>304</c>, or a body whose hash is the one that output was made
/// from, hands that output out again (<see cref="ImageReuse"/>) without compressing, as long as it is still stored
/// whole; anything else is made anew. Every success says which source version it was made from
/// (<see cref="ImageProcessed.Source"/>); a failure never carries one.
/// </summary>
public sealed class ProcessImageConsumer(
    ImageDownloader downloader,
    IBus bus,
    ImageCompressor compressor,
    CodecGate codec,
    IFileStore files,
    PublicUrls urls,
    ILogger<ProcessImageConsumer> logger,
    PreviewWriter previews,
    OutputReuse reuse) : IConsumer<ProcessImage>
{
    /// <summary>
    /// Which worker process handled an image, as clients see it in the products API: opaque, because a host name and a
    /// process ID are internals. The log says once which host and process an ID stands for.
    /// </summary>
    public static string WorkerId { get; } = $"worker-{Guid.NewGuid():N}"[..19];

    private static int s_announced;

    public async Task Consume(ConsumeContext<ProcessImage> context)
    {
        if (Interlocked.Exchange(ref s_announced, 1) == 0)
        {
            logger.LogInformation("This worker reports as {WorkerId}: host {Host}, process {ProcessId}; output fingerprint {Fingerprint} of {FingerprintInputs}",
                WorkerId, Environment.MachineName, Environment.ProcessId, reuse.Fingerprint, reuse.FingerprintInputs);
        }
        var message = context.Message;
        if (await IsCancelledAsync(message.RequestId, context.CancellationToken))
        {
            await PublishFailureAsync(context, ImageFailureReasons.Cancelled, "the request was cancelled before this image was started.", download: null);
            return;
        }
        var tally = new DownloadTally(message.SourceUrl, SignalThrottleAsync);
        var reusable = reuse.Applicable(message.Reusable);
        if (message.Reusable is not null && reusable is null)
        {
            logger.LogDebug("Image {ImageId} of request {RequestId}: the earlier output was made under fingerprint {Theirs}, not {Ours}, or is no success: made anew",
                message.ImageId, message.RequestId, message.Reusable.Source.Fingerprint, reuse.Fingerprint);
        }
        var download = await OrFailureAsync(context, tally,
            () => downloader.DownloadAsync(message.SourceUrl, tally, OutputReuse.ValidatorsOf(reusable), context.CancellationToken));
        if (download is null)
        {
            return;
        }
        // only a conditional download can come back not modified, and only a reusable output makes one conditional
        if (download.NotModified)
        {
            if (await reuse.IsWholeAsync(reusable!.Outcome, context.CancellationToken))
            {
                await PublishReuseAsync(context, reusable.Outcome, ImageReuse.NotModified, OutputReuse.Refreshed(reusable.Source, download.Validators), tally);
                return;
            }
            logger.LogInformation("Image {ImageId} of request {RequestId}: the source is not modified but the output {OutputKey} is gone or not whole; downloading it again",
                message.ImageId, message.RequestId, reusable.Outcome.OutputKey);
            reusable = null;
            download = await OrFailureAsync(context, tally,
                () => downloader.DownloadAsync(message.SourceUrl, tally, SourceValidators.None, context.CancellationToken));
            if (download is null)
            {
                return;
            }
        }

        var contentHash = SourceHash.Of(download.Content.Span);
        var version = reuse.VersionOf(download, contentHash);
        if (reusable is not null && SourceHash.Same(contentHash, reusable.Source.ContentHash)
            && await reuse.IsWholeAsync(reusable.Outcome, context.CancellationToken))
        {
            await PublishReuseAsync(context, reusable.Outcome, ImageReuse.SameBytes, version, tally);
            return;
        }

        var image = await OrFailureAsync(context, tally,
            () => codec.RunAsync(() => Compress(message.ImageId, download), context.CancellationToken));
        if (image is null)
        {
            return;
        }
        var bytesIn = (long)download.Content.Length;
        var source = download.Content;

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
        var outcome = new ImageOutcome
        {
            OutputKey = key,
            OutputUrl = urls.File(key),
            BytesIn = bytesIn,
            BytesOut = bytesOut,
            Width = image.Width,
            Height = image.Height,
            Format = image.Format.Name,
            SourceQuality = image.SourceQuality,
            OutputQuality = image.OutputQuality,
            WorkerId = WorkerId,
        };
        outcome = await previews.AddPreviewsAsync(message.ImageId, source, image, outcome, context.CancellationToken);
        await context.Publish(new ImageProcessed(message.RequestId, message.ImageId, outcome) { Download = tally.ToReport(), Source = version },
            context.CancellationToken);
    }

    /// <summary>
    /// Runs one step of the image's work (a download, the compression); a failure of it is the image's result, published
    /// here, and null comes back. Infrastructure faults outside these steps (file store, bus) throw as before.
    /// </summary>
    private async Task<T?> OrFailureAsync<T>(ConsumeContext<ProcessImage> context, DownloadTally tally, Func<Task<T>> step) where T : class
    {
        try
        {
            return await step();
        }
        catch (ImageFailureException failure)
        {
            await PublishFailureAsync(context, failure.ReasonCode, failure.Message, tally.ToReport());
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // a fault in our processing of this one image must not stall the request behind endless redeliveries
            logger.LogError(ex, "Image {ImageId} of request {RequestId} failed unexpectedly", context.Message.ImageId, context.Message.RequestId);
            await PublishFailureAsync(context, ImageFailureReasons.ProcessingFailed, "the image could not be processed (an internal error).", tally.ToReport());
            return null;
        }
    }

    /// <summary>Hands out an earlier request's output for this image, made from <paramref name="version"/>: nothing is compressed or stored.</summary>
    private async Task PublishReuseAsync(ConsumeContext<ProcessImage> context, ImageOutcome reused, string kind, SourceVersion version, DownloadTally tally)
    {
        var message = context.Message;
        var outcome = reuse.Reused(reused, kind, WorkerId);
        logger.LogInformation("Image {ImageId} of request {RequestId}: reused {Reuse}: output {OutputKey}, {BytesOut} bytes, made from {ContentHash}",
            message.ImageId, message.RequestId, kind, outcome.OutputKey, outcome.BytesOut, version.ContentHash);
        ImageWorkerTelemetry.Reused(kind, outcome.Format);
        await context.Publish(new ImageProcessed(message.RequestId, message.ImageId, outcome) { Download = tally.ToReport(), Source = version },
            context.CancellationToken);
    }

    /// <summary>
    /// Tells Ingest at once that an origin throttled, straight on the bus (not through this consume's outbox, which
    /// sends only when the image is done), within a second: a lost signal costs only a slower back-off.
    /// </summary>
    private async Task SignalThrottleAsync(DownloadReport report)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await bus.Publish(new OriginThrottled(report), limit.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Throttle of {Origin} could not be signalled", report.Origin);
        }
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

    /// <summary>
    /// Publishes the failure with its code and that code's generic reason; the detailed reason, which may name resolved
    /// addresses, hosts and this process, goes only to the log (a detail in the client's answer would be a DNS oracle
    /// for internal names).
    /// </summary>
    private async Task PublishFailureAsync(ConsumeContext<ProcessImage> context, string reasonCode, string detail, DownloadReport? download)
    {
        var message = context.Message;
        logger.LogWarning("Image {ImageId} of request {RequestId} from {SourceUrl} failed: {ReasonCode}: {Reason}",
            message.ImageId, message.RequestId, LoggedUrl.Of(message.SourceUrl), reasonCode, detail);
        ImageWorkerTelemetry.Failed(reasonCode);
        var outcome = new ImageOutcome { ReasonCode = reasonCode, Reason = ClientReason(reasonCode), WorkerId = WorkerId };
        await context.Publish(new ImageFailed(message.RequestId, message.ImageId, outcome) { Download = download }, context.CancellationToken);
    }

    /// <summary>What a client is told for each reason code; docs/limits.md says which setting each limit is.</summary>
    public static string ClientReason(string reasonCode) => reasonCode switch
    {
        ImageFailureReasons.BlockedDestination => "The URL's host is not a public internet address; only public addresses are fetched.",
        ImageFailureReasons.ConnectionFailed => "The image's server could not be reached, or the connection broke.",
        ImageFailureReasons.Timeout => "The download did not complete in time.",
        ImageFailureReasons.TooLarge => "The image is larger than accepted (bytes, width, height, pixels or frames).",
        ImageFailureReasons.NotAnImage => "The content is not a JPEG, PNG, GIF or WebP image.",
        ImageFailureReasons.UnsupportedFormat => "The image's format is not supported.",
        ImageFailureReasons.CorruptImage => "The image data is corrupt or truncated.",
        ImageFailureReasons.InvalidUrl => "The URL, or a redirect's target, is not an http(s) URL that is fetched.",
        ImageFailureReasons.TooManyRedirects => "The source redirected too many times.",
        ImageFailureReasons.ProcessingFailed => "The image could not be processed (an internal error).",
        ImageFailureReasons.TooComplex => "Decoding and encoding the image took longer than the per-image budget.",
        ImageFailureReasons.Cancelled => "The request was cancelled before this image was started.",
        _ when reasonCode.StartsWith("http_", StringComparison.Ordinal) => $"The source answered HTTP {reasonCode["http_".Length..]}.",
        _ => "The image could not be processed.",
    };
}
