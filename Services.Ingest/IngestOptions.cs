using System.ComponentModel.DataAnnotations;

namespace ImagePipeline.Ingest;

/// <summary>Ingest's own settings (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// Images kept out with the workers per worker slot. Ingest learns the slots from the workers' heartbeats
    /// (<c>ImageWorker:HeartbeatInterval</c>) and shares slots × this between the running requests: each request's
    /// window is its share, refilled as results arrive, so every slot stays fed (the queue holds about this many images
    /// per slot) and a small request queues behind a share of a big one, not behind all of it.
    /// </summary>
    [Range(1, 100)]
    public int DispatchPerSlot { get; set; } = 2;

    /// <summary>
    /// The smallest window a running request gets, however many requests share the workers, and the window before
    /// any worker has been heard from.
    /// </summary>
    [Range(1, 100_000)]
    public int MinDispatchWindow { get; set; } = 4;

    /// <summary>
    /// How often every running request's window is topped up, beside the refill each result makes: a worker that joins,
    /// an origin that may be asked again and a request whose share grew are served within this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Images of one origin out at once, across every request and worker, when Ingest first sees the origin.</summary>
    [Range(1, 10_000)]
    public int OriginConcurrencyInitial { get; set; } = 8;

    /// <summary>The least an origin is cut down to when it throttles or fails (it is never stopped but by its own <c>Retry-After</c>).</summary>
    [Range(1, 10_000)]
    public int OriginConcurrencyMin { get; set; } = 1;

    /// <summary>The most an origin grows to while it answers quickly and cleanly.</summary>
    [Range(1, 10_000)]
    public int OriginConcurrencyMax { get; set; } = 64;

    /// <summary>How long a released image may go without a result before the reconciler sends it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ImageLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long Export may take to answer an Exporting request, and Notifier to acknowledge a finished one, before the
    /// reconciler asks again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RequestLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the reconciler looks for work past its lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many images, and as many requests, re-driven per sweep.</summary>
    [Range(1, 100_000)]
    public int SweepBatch { get; set; } = 500;

    /// <summary>
    /// The rate a running request's status reports (images per minute, and the time left it gives) counts the results of
    /// this last stretch of time, so it follows the workers' pace as it changes rather than averaging the whole run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most requests one page of <c>GET /api/requests</c> holds (<c>limit</c> above it is refused).</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Most products one page of <c>GET /api/requests/{id}/products</c> holds (the default page).</summary>
    [Range(1, 100_000)]
    public int MaxProductsPageSize { get; set; } = 1000;
}
