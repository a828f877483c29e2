namespace ImagePipeline.Ingest.Persistence;

public sealed record ProductRecord(int RowNumber, long SerialNumber, string Name, IReadOnlyList<ImageRecord> Images);
