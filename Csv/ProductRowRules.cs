using System.Globalization;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Csv;

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

        // validity is decided here, not from errors.Count: a bounded error list stops growing once it is full
        var valid = CheckSerialNumber(record[0], row, errors, out var serialNumber);
        var name = record[1].Trim();
        if (name.Length == 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.ProductName, "The product name is empty."));
            valid = false;
        }
        var urls = CheckUrls(record[2], row, errors);
        return valid && urls is not null ? new ProductRow(row, serialNumber, name, urls) : null;
    }

    private bool CheckSerialNumber(string cell, int row, ICollection<CsvError> errors, out long serialNumber)
    {
        var text = cell.Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out serialNumber) || serialNumber <= 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.SerialNumber, $"'{text}' is not a positive whole number."));
            serialNumber = 0;
            return false;
        }
        if (!_serialNumbers.TryAdd(serialNumber, row))
        {
            errors.Add(new CsvError(row, InputCsvFormat.SerialNumber,
                $"S. No. {serialNumber} is used twice (first on row {_serialNumbers[serialNumber]})."));
            return false;
        }
        return true;
    }

    /// <summary>The product's URLs, or null when any is wrong. Never splits more than one URL past the limit.</summary>
    private List<string>? CheckUrls(string cell, int row, ICollection<CsvError> errors)
    {
        // counted on the span first: a cell of 450,000 bare "URLs" must cost neither 450,000 strings nor as many errors
        var count = CountUrls(cell);
        if (count == 0)
        {
            errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls, "The product has no image URL."));
            return null;
        }
        var valid = true;
        if (count > limits.MaxUrlsPerProduct)
        {
            errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls,
                $"The product has {count} image URLs; at most {limits.MaxUrlsPerProduct} are allowed (setting Csv:MaxUrlsPerProduct)."));
            valid = false;
        }
        // past the limit the row is refused anyway: only the URLs within it are checked (and reported)
        var urls = new List<string>(Math.Min(count, limits.MaxUrlsPerProduct));
        foreach (var range in cell.AsSpan().Split(InputCsvFormat.UrlSeparator))
        {
            var url = cell.AsSpan()[range].Trim();
            if (url.IsEmpty)
            {
                continue;
            }
            if (urls.Count == limits.MaxUrlsPerProduct)
            {
                break;
            }
            var text = url.ToString();
            urls.Add(text);
            if (ImageUrlRule.Check(text, limits.MaxUrlLength) is { } reason)
            {
                errors.Add(new CsvError(row, InputCsvFormat.InputImageUrls, $"URL {urls.Count}: {reason}"));
                valid = false;
            }
        }
        return valid ? urls : null;
    }

    private static int CountUrls(string cell)
    {
        var count = 0;
        foreach (var range in cell.AsSpan().Split(InputCsvFormat.UrlSeparator))
        {
            if (!cell.AsSpan()[range].Trim().IsEmpty)
            {
                count++;
            }
        }
        return count;
    }
}
