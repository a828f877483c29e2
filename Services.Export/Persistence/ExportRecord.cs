namespace ImagePipeline.Export.Persistence;

/// <summary>One request's stored output CSV.</summary>
public sealed record ExportRecord(Guid RequestId, string FileKey, int RowCount, DateTimeOffset CreatedAt);
