using System.Globalization;
using CsvHelper;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;

namespace ImagePipeline.Export.Csv;

/// <summary>
/// Writes the public output CSV (<see cref="OutputCsvFormat"/>) row by row, so an export of any size needs one row in memory.
/// </summary>
public static class OutputCsvWriter
{
    private static readonly string[] Header = [.. OutputCsvFormat.Header];

    /// <summary>Writes the header and every row to <paramref name="destination"/> (left open) and returns the number of rows.</summary>
    public static async Task<int> WriteAsync(IAsyncEnumerable<OutputRow> rows, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(destination);

        var count = 0;
        await using var csv = CsvWriter.Create(destination, PublicCsv.WriterOptions, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(Cells(row), cancellationToken);
            count++;
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>The four cells of a row; a failed image keeps its slot as an empty string so positions line up.</summary>
    internal static string[] Cells(OutputRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.InputUrls is null || row.OutputUrls is null || row.InputUrls.Count != row.OutputUrls.Count)
        {
            throw new InvalidDataException(
                $"Row S. No. {row.SerialNumber} has {row.InputUrls?.Count ?? 0} input URLs but {row.OutputUrls?.Count ?? 0} output URLs; they must line up.");
        }

        return
        [
            row.SerialNumber.ToString(CultureInfo.InvariantCulture),
            row.ProductName ?? string.Empty,
            string.Join(InputCsvFormat.UrlSeparator, row.InputUrls),
            string.Join(InputCsvFormat.UrlSeparator, row.OutputUrls.Select(url => url ?? string.Empty)),
        ];
    }
}
