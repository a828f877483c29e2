namespace ImagePipeline.Export.Persistence;

/// <summary>One request's stored output CSV, of its <paramref name="Attempt"/> (a retry of the failed images makes a new one).</summary>
public sealed record ExportRecord(Guid RequestId, string FileKey, int RowCount, DateTimeOffset CreatedAt, int Attempt = 1);
