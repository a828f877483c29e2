using System.ComponentModel.DataAnnotations;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker;

/// <summary>Every limit the worker applies (section <c>ImageWorker</c>); the defaults are safe for untrusted URLs.</summary>
public sealed class ImageWorkerOptions
{
    public const string SectionName = "ImageWorker";

    /// <summary>Images one worker process handles at once (and prefetches from the broker).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Of those, how many may be decoding or encoding at once; 0 means one per core. The rest download, store and
    /// publish meanwhile, so the codec never waits on I/O and never has more work than cores.
    /// </summary>
    [Range(0, 256)]
    public int CodecConcurrency { get; set; }

    /// <summary><see cref="CodecConcurrency"/> with 0 resolved to the cores this process may use.</summary>
    public int CodecSlots => CodecConcurrency > 0 ? CodecConcurrency : Environment.ProcessorCount;

    /// <summary>The decoding and encoding engine: <c>Vips</c> (libvips, the default: faster, with a PNG quantiser) or <c>Magick</c>.</summary>
    public ImageCodecEngine Codec { get; set; } = ImageCodecEngine.Vips;

    /// <summary>
    /// Longest one image may hold a codec slot (decode, convert, encode), in wall-clock time: a slot is one core's
    /// worth of work, so on a machine that is not oversubscribed this is its CPU time. Past it the image fails as
    /// too_complex and the slot is freed. The slowest image of the real corpus (a 5120 × 2880 PNG) takes ~11 s of CPU,
    /// and took 30 s of wall time at a load average of 40 on 2 cores (bench/RESULTS.md), hence the margin.
    /// </summary>
    public TimeSpan MaxCodecTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Least SSIM against the source for a PNG's palette version to be kept instead of a lossless one (<see cref="PngRule"/>).</summary>
    [Range(0.0, 1.0)]
    public double PngMinSsim { get; set; } = 0.95;

    /// <summary>
    /// Megapixels from which a PNG's palette is made without dithering and at libimagequant's fastest effort
    /// (<see cref="PngRule"/>): the dithered remap of a 5120 × 2880 image takes 5–11 s of one core, undithered ~2 s
    /// (bench/RESULTS.md). 0 dithers every size.
    /// </summary>
    [Range(0.0, 1_000.0)]
    public double PngUnditheredMegapixels { get; set; } = 10;

    /// <summary>
    /// Longest side, in pixels, of the previews (<see cref="Imaging.PreviewWriter"/>) of every processed image's source and
    /// output, which the console draws its tiles from; 0 makes none.
    /// </summary>
    [Range(0, 2048)]
    public int PreviewSize { get; set; } = 320;

    /// <summary>WebP quality of the previews.</summary>
    [Range(1, 100)]
    public int PreviewQuality { get; set; } = 60;

    /// <summary>Budget for the whole download of one image: every attempt, its body and the waits between attempts.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one TCP (and TLS) connect may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest source accepted, checked against Content-Length and again while the body streams in.</summary>
    [Range(1, int.MaxValue)]
    public long MaxDownloadBytes { get; set; } = 25 * 1024 * 1024;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Extra attempts after a transient failure (timeout, 408, 429, 5xx, refused or dropped connection).</summary>
    [Range(0, 10)]
    public int DownloadRetries { get; set; } = 2;

    /// <summary>
    /// How long an origin that keeps answering <c>429</c> or <c>503</c> is waited out for one image before the image
    /// fails with that status. A throttled answer is a request to slow down, not the image's fault: it is retried
    /// after the origin's <c>Retry-After</c> (or a backoff) without using up <see cref="DownloadRetries"/>, and each
    /// attempt after such a wait gets a fresh <see cref="DownloadTimeout"/>.
    /// </summary>
    public TimeSpan ThrottlePatience { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker tells Ingest its slots (<see cref="Concurrency"/>); Ingest forgets a worker silent for three of these.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait before the first retry; it doubles for each later one (with jitter).</summary>
    public TimeSpan DownloadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts, also the most of a server's Retry-After that is honoured.</summary>
    public TimeSpan DownloadRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Widest and tallest image decoded (also ImageMagick's process-wide Width/Height limits).</summary>
    [Range(1, 65535)]
    public int MaxImageWidth { get; set; } = 16384;

    [Range(1, 65535)]
    public int MaxImageHeight { get; set; } = 16384;

    /// <summary>Pixel budget of one image (frame), checked from the header before decoding; ImageMagick's Area limit.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>Most frames of an animated GIF or WebP (ImageMagick's ListLength limit).</summary>
    [Range(1, 10_000)]
    public int MaxFrames { get; set; } = 200;

    /// <summary>
    /// ImageMagick's pixel-cache memory for the whole process (the disk cache is off, so nothing pages). 0, the default,
    /// derives it from the codec slots (<see cref="CodecMemoryBudget"/>): every slot can hold its largest image at once.
    /// A value set below that fails at start, since one client's large images would then fail another's.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MagickMemoryBytes { get; set; }
}
