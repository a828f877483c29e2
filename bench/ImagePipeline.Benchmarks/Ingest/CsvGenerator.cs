using System.Globalization;
using System.Text;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Benchmarks.Ingest;

/// <summary>Writes a valid input CSV of <c>rows</c> products with <c>urls</c> image URLs each, streamed to a file.</summary>
public static class CsvGenerator
{
    public static void Write(string path, int rows, int urls)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 65536);
        writer.Write(string.Join(',', InputCsvFormat.Header.Select(Quote)));
        writer.Write("\r\n");
        var line = new StringBuilder();
        for (var row = 1; row <= rows; row++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{row},\"Product {row}\",\"");
            for (var u = 0; u < urls; u++)
            {
                line.Append(u == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"https://images.example.com/catalogue/{row}/photo-{u}.jpg");
            }
            line.Append("\"\r\n");
            writer.Write(line);
        }
    }

    private static string Quote(string field) => field.Contains(',', StringComparison.Ordinal) || field.Contains(' ', StringComparison.Ordinal) ? $"\"{field}\"" : field;
}
