namespace ImagePipeline.Contracts.Csv;

/// <summary>The public input CSV: a header row, then one product per row.</summary>
public static class InputCsvFormat
{
    public const string SerialNumber = "S. No.";
    public const string ProductName = "Product Name";
    public const string InputImageUrls = "Input Image Urls";

    public static IReadOnlyList<string> Header { get; } = [SerialNumber, ProductName, InputImageUrls];

    /// <summary>Separator of the URLs inside the third cell.</summary>
    public const char UrlSeparator = ',';
}
