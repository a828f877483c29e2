namespace ImagePipeline.Export;

/// <summary>Settings of the Export service (section <c>Export</c>).</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>Where Ingest answers; <c>http://ingest</c> resolves through Aspire service discovery.</summary>
    public string IngestBaseUrl { get; set; } = "http://ingest";

    /// <summary>Longest time one export may spend streaming rows from Ingest and writing the CSV.</summary>
    public TimeSpan RowsReadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Exports one service instance builds at the same time (each holds a temporary file and an Ingest stream).</summary>
    public int ConcurrentExports { get; set; } = 4;
}
