namespace ImagePipeline.Ingest.Persistence;

/// <summary>One product row to record, with its images in input order.</summary>
public sealed record NewProduct(int RowNumber, long SerialNumber, string Name, IReadOnlyList<NewImage> Images);
