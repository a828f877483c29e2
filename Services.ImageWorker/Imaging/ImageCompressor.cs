using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Compresses one image, keeping its format, with the engine <c>ImageWorker:Codec</c> selects. The rules both engines
/// share live here: the format comes from the magic bytes (never the URL or Content-Type), the image gets at most
/// <see cref="ImageWorkerOptions.MaxCodecTime"/>, and the output is never larger than the input — when the re-encode is
/// not smaller, the source bytes are stored unchanged (then with their metadata, and with the source's quality reported
/// as the output's). The work is synchronous and CPU-bound; <see cref="CodecGate"/> bounds how many run at once.
/// </summary>
public sealed class ImageCompressor
{
    private readonly IImageCodec _codec;
    private readonly TimeSpan _maxCodecTime;
    private readonly int _maxAbandoned;
    private int _abandoned;

    public ImageCompressor(IImageCodec codec, IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(options);
        _codec = codec;
        _maxCodecTime = options.Value.MaxCodecTime;
        _maxAbandoned = options.Value.CodecSlots;
    }

    public ImageCodecEngine Engine => _codec.Engine;

    /// <summary>Native codec calls past their deadline that still run on their own thread, their images already failed.</summary>
    public int AbandonedRunning => Volatile.Read(ref _abandoned);

    /// <summary>Compresses <paramref name="source"/> or throws <see cref="ImageFailureException"/> saying why it cannot.</summary>
    public CompressedImage Compress(ReadOnlyMemory<byte> source)
    {
        var format = ImageFormatDetector.Detect(source.Span)
            ?? throw new ImageFailureException(ImageFailureReasons.NotAnImage,
                source.IsEmpty ? "the response was empty." : "the content is not a JPEG, PNG, GIF or WebP image.");

        var encoded = EncodeWithinBudget(source, format);
        var kept = encoded.Content.Length >= source.Length;
        return new CompressedImage
        {
            Content = kept ? source : encoded.Content,
            Format = format,
            Width = encoded.Width,
            Height = encoded.Height,
            FrameCount = encoded.FrameCount,
            SourceQuality = encoded.SourceQuality,
            OutputQuality = kept ? encoded.SourceQuality : encoded.OutputQuality,
            KeptSource = kept,
            SourcePreview = encoded.SourcePreview,
        };
    }

    // The engines stop themselves at the deadline where their libraries allow it (ImageMagick's progress monitor; both
    // check between stages), but neither libimagequant nor a decoder can be interrupted. So the work runs on a thread of
    // its own and the caller stops waiting at the deadline: the image fails as too_complex and the codec slot is freed at
    // once, while the abandoned native call runs to its end (its result discarded) on that thread. That CPU is still
    // spent, so it is bounded: at most as many abandoned calls as there are codec slots run beside the slots' own work;
    // past that, a timed-out image keeps its slot until its native call has ended, and fails as too_complex then.
    private EncodedImage EncodeWithinBudget(ReadOnlyMemory<byte> source, ImageFormat format)
    {
        var deadline = new CodecDeadline(_maxCodecTime);
        var work = Task.Factory.StartNew(() =>
        {
            using (deadline)
            {
                return _codec.Encode(source, format, deadline);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (work.Wait(_maxCodecTime))
            {
                return work.Result;
            }
        }
        catch (AggregateException failed) when (failed.InnerExceptions.Count == 1)
        {
            // the engine's own exception (ImageFailureException, CodecMemoryExhaustedException), not the wrapper
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.InnerExceptions[0]);
        }
        if (Interlocked.Increment(ref _abandoned) > _maxAbandoned)
        {
            Interlocked.Decrement(ref _abandoned);
            // its result, or its failure, came too late either way
            ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
            throw new ImageFailureException(ImageFailureReasons.TooComplex,
                $"the image took more than {_maxCodecTime.TotalSeconds:0.#} s to process (setting ImageWorker:MaxCodecTime); " +
                "it ran to its end because as many stopped images as codec slots were still finishing.");
        }
        // observed, so an abandoned image failing later is not an unobserved task exception
        work.ContinueWith(t =>
        {
            Interlocked.Decrement(ref _abandoned);
            _ = t.Exception;
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        throw new ImageFailureException(ImageFailureReasons.TooComplex,
            $"the image took more than {_maxCodecTime.TotalSeconds:0.#} s to process and was stopped (setting ImageWorker:MaxCodecTime).");
    }
}
