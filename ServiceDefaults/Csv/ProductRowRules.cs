using System.Globalization;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.ServiceDefaults.Csv;

/// <summary>The rules one input row must meet; remembers serial numbers to catch duplicates.</summary>
internal sealed class ProductRowRules(CsvLimits limits)
{
    private readonly Dictionary<long, int> _serialNumbers = [];

    public bool HeaderPending { get; private set; } = true;

    public bool AcceptHeader(string[] record, int row, ICollection<CsvError> errors)
    {
        HeaderPending = false;
        if (record.Length > 0)
        {
            // a BOM the reader did not strip (e.g. one inside a multipart part) must not fail the header
            record[0] = record[0].TrimStart('\uFEFF');
        }
        if (record.SequenceEqual(InputCsvFormat.Header, StringComparer.Ordinal))
        {
            return true;
        }
        errors.Add(new CsvError(row, null,
            $"The header must be exactly '{string.Join(',', InputCsvFormat.Header)}'; found '{string.Join(',', record)}'."));
        return false;
    }

    public ProductRow? Check(string[] record, int row, ICollection<CsvError> errors)
    {
        if (record.Length != InputCsvFormat.Header.Count)
        {
            errors.Add(new CsvError(row, null, $"Expected {InputCsvFormat.Header.Count} columns, found {record.Length}."));
            return null;
        }

        var errorCount = errors.Count;
        var serialNumber = CheckSerialNumber(record[0], row, errors);
        var name = record[1].Trim();
        if (name.Length == 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.ProductName, "The product name is empty."));
        }
        var urls = CheckUrls(record[2], row, errors);
        return errors.Count == errorCount ? new ProductRow(row, serialNumber, name, urls) : null;
    }

    private long CheckSerialNumber(string cell, int row, ICollection<CsvError> errors)
    {
        var text = cell.Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serialNumber) || serialNumber <= 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.SerialNumber, $"'{text}' is not a positive whole number."));
            return 0;
        }
        if (!_serialNumbers.TryAdd(serialNumber, row))
        {
            errors.Add(new CsvError(row, InputCsvFormat.SerialNumber,
                $"S. No. {serialNumber} is used twice (first on row {_serialNumbers[serialNumber]})."));
        }
        return serialNumber;
    }

    private List<string> CheckUrls(string cell, int row, ICollection<CsvError> errors)
    {
        var urls = cell.Split(InputCsvFormat.UrlSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls, "The product has no image URL."));
            return [];
        }
        if (urls.Length > limits.MaxUrlsPerProduct)
        {
            errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls,
                $"The product has {urls.Length} image URLs; at most {limits.MaxUrlsPerProduct} are allowed (setting Csv:MaxUrlsPerProduct)."));
        }
        for (var i = 0; i < urls.Length; i++)
        {
            if (ImageUrlRule.Check(urls[i], limits.MaxUrlLength) is { } reason)
            {
                errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls, $"URL {i + 1}: {reason}"));
            }
        }
        return [.. urls];
    }
}
