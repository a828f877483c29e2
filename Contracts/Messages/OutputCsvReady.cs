namespace ImagePipeline.Contracts;

/// <summary>The output CSV of a request is stored and downloadable.</summary>
public sealed record OutputCsvReady(Guid RequestId, string FileKey, string OutputCsvUrl, int RowCount);
