using System.Text;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;

namespace ImagePipeline.Gateway.Tests.Csv;

/// <summary>Runs the CSV reader over text or bytes and returns what it read and what it found wrong.</summary>
internal static class CsvText
{
    public const string Header = "S. No.,Product Name,Input Image Urls";

    public static async Task<(List<ProductRow> Rows, List<CsvError> Errors)> ReadAsync(string text, CsvLimits? limits = null) =>
        await ReadAsync(Encoding.UTF8.GetBytes(text), limits);

    public static async Task<(List<ProductRow> Rows, List<CsvError> Errors)> ReadAsync(byte[] bytes, CsvLimits? limits = null)
    {
        var errors = new List<CsvError>();
        var rows = new List<ProductRow>();
        await foreach (var row in new ProductCsvReader(limits ?? new CsvLimits()).ReadAsync(new MemoryStream(bytes), errors, CancellationToken.None))
        {
            rows.Add(row);
        }
        return (rows, errors);
    }
}
