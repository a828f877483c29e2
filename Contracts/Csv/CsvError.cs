namespace ImagePipeline.Contracts.Csv;

/// <summary>One problem in an input CSV. <see cref="Row"/> is 1-based and counts the header; <see cref="Column"/> is the header name or null for the whole row.</summary>
public sealed record CsvError(int Row, string? Column, string Reason);
