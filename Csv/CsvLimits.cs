namespace ImagePipeline.Csv;

/// <summary>Limits on input CSVs (section <c>Csv</c>).</summary>
public sealed class CsvLimits
{
    public const string SectionName = "Csv";

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most products (data rows) in one CSV.</summary>
    public int MaxRows { get; set; } = 100_000;

    public int MaxUrlsPerProduct { get; set; } = 20;

    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>Largest single record in bytes; guards against a quote that is never closed swallowing the file.</summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;
}
