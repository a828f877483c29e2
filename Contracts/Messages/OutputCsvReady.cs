namespace ImagePipeline.Contracts;

/// <summary>The output CSV of a request's <paramref name="Attempt"/> is stored and downloadable.</summary>
public sealed record OutputCsvReady(Guid RequestId, string FileKey, string OutputCsvUrl, int RowCount, int Attempt = 1);
