using System.ComponentModel.DataAnnotations;

namespace ImagePipeline.Ingest;

/// <summary>Ingest's own settings (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// Images of one request out with the workers at once. Ingest releases a request's images in this window and
    /// refills it as results arrive, so the work queue holds at most this many of each running request and a small
    /// request queues behind a few images of a big one, not behind all of them. About two per worker slot keeps every
    /// slot busy (the AppHost sets it from the workers it runs when it is not set).
    /// </summary>
    [Range(1, 100_000)]
    public int DispatchWindow { get; set; } = 16;

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
