using System.Globalization;
using CsvHelper;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// The input rows whose images failed, in the input format plus a <c>Reason</c> column: each row keeps only its failed
/// URLs, so the file can be fixed and uploaded again. Cells are written as the output CSV's are (<see cref="PublicCsv"/>).
/// </summary>
public static class FailedCsvWriter
{
    public const string ReasonColumn = "Reason";

    private static readonly string[] Header = [.. InputCsvFormat.Header, ReasonColumn];

    /// <summary>Writes the header and every row with a failed image to <paramref name="destination"/> (left open); returns the rows written.</summary>
    public static async Task<int> WriteAsync(IAsyncEnumerable<ProductRecord> products, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(destination);
        var count = 0;
        await using var csv = CsvWriter.Create(destination, PublicCsv.WriterOptions, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            var failed = product.Images.Where(i => i.Status == ImageStatuses.Failed).ToList();
            if (failed.Count == 0)
            {
                continue;
            }
            await csv.WriteRecordAsync(
                [
                    product.SerialNumber.ToString(CultureInfo.InvariantCulture),
                    product.Name,
                    string.Join(InputCsvFormat.UrlSeparator, failed.Select(i => i.SourceUrl)),
                    string.Join("; ", failed.Select(i => $"{i.SourceUrl}: {i.Outcome.ReasonCode}")),
                ],
                cancellationToken);
            count++;
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
