using System.ComponentModel.DataAnnotations;

namespace ImagePipeline.Ingest.Events;

/// <summary>Ingest's part of the webhook settings (section <c>Webhooks</c>, shared with Notifier).</summary>
public sealed class ProgressOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Least time between two <c>request.progress</c> events of one request. One is sent only when the counts moved
    /// since the last; the reconciler's sweep sends the last change of a request that went quiet.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);
}
