using System.ComponentModel.DataAnnotations;

namespace ImagePipeline.Ingest;

/// <summary>Ingest's own settings (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// <c>ProcessImage</c> messages a request's fan-out keeps in flight, each waiting for the broker's confirm. One at a
    /// time pays a round trip per image; a window keeps the broker busy without holding the request in memory.
    /// </summary>
    [Range(1, 4096)]
    public int FanOutConcurrency { get; set; } = 128;
}
