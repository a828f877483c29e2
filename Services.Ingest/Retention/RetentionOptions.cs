using System.ComponentModel.DataAnnotations;

namespace ImagePipeline.Ingest.Retention;

/// <summary>How long a finished request is kept (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Days a finished request (Completed, CompletedWithErrors, Failed, Cancelled) is kept after it finished; then its
    /// files and records are purged. Fractions are allowed (tests use seconds); 0 or less is refused at start, since
    /// it would purge every request the moment it finishes.
    /// </summary>
    [Range(0d, 36_500d, MinimumIsExclusive = true)]
    public double Days { get; set; } = 30;

    /// <summary>How often each ingest replica looks for requests past their retention.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many requests purged per look; the next look goes on with the rest.</summary>
    [Range(1, 100_000)]
    public int SweepBatch { get; set; } = 100;

    public TimeSpan Period => TimeSpan.FromDays(Days);
}
