namespace ImagePipeline.Contracts.Csv;

/// <summary>The public output CSV: the input columns plus the output URLs, position for position.</summary>
public static class OutputCsvFormat
{
    public const string OutputImageUrls = "Output Image Urls";

    public static IReadOnlyList<string> Header { get; } =
        [InputCsvFormat.SerialNumber, InputCsvFormat.ProductName, InputCsvFormat.InputImageUrls, OutputImageUrls];
}
