namespace ImagePipeline.Contracts.Csv;

/// <summary>One product of an input CSV, in file order (<see cref="RowNumber"/> counts the header as row 1).</summary>
public sealed record ProductRow(int RowNumber, long SerialNumber, string ProductName, IReadOnlyList<string> ImageUrls);
