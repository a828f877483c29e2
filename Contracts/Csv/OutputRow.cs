namespace ImagePipeline.Contracts.Csv;

/// <summary>One row of the output CSV: the product and, per input URL, the output URL or null where the image failed.</summary>
public sealed record OutputRow(long SerialNumber, string ProductName, IReadOnlyList<string> InputUrls, IReadOnlyList<string?> OutputUrls);
