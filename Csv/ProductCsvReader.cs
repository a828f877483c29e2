using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Csv;

/// <summary>
/// Streams the products of an input CSV, checking every rule on the way. Rows that break a rule are reported to the
/// error list and not yielded, so one pass both validates (Gateway) and reads (Ingest) without holding the file.
/// Rows are CSV records counted from 1 (the header); a blank line counts as a row and is an error.
/// </summary>
public sealed class ProductCsvReader(CsvLimits limits)
{
    public async IAsyncEnumerable<ProductRow> ReadAsync(
        Stream csv, ICollection<CsvError> errors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(errors);

        // strict UTF-8: a byte that is not UTF-8 is an error the client should hear about, not a silent U+FFFD
        using var text = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            AllowLineBreaksInQuotes = true,
            // a blank line inside the data is reported, not silently dropped: it usually means a broken export
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = limits.MaxRecordBytes,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
        };
        await using var reader = CsvReader.Create(text, options, leaveOpen: true);
        var rules = new ProductRowRules(limits);
        var dataRows = 0;
        while (true)
        {
            var row = (int)Math.Min(int.MaxValue, reader.RowNumber + 1L);
            try
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    break;
                }
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new CsvError(row, null, "The file is not valid UTF-8 text."));
                yield break;
            }
            catch (CsvFormatException ex)
            {
                errors.Add(new CsvError(row, null, $"The file cannot be read as CSV: {ex.Message}"));
                yield break;
            }

            row = (int)reader.RowNumber;
            var record = new string[reader.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i);
            }

            if (record is [""])
            {
                errors.Add(new CsvError(row, null, "Blank line: every row must be a product."));
                continue;
            }
            if (rules.HeaderPending)
            {
                if (!rules.AcceptHeader(record, row, errors))
                {
                    yield break;
                }
                continue;
            }
            if (++dataRows > limits.MaxRows)
            {
                errors.Add(new CsvError(row, null, $"The file has more than {limits.MaxRows} products (setting Csv:MaxRows)."));
                yield break;
            }
            if (malformed.Remove(row, out var reason))
            {
                errors.Add(new CsvError(row, null, MalformedMessage(reason)));
                continue;
            }
            if (rules.Check(record, row, errors) is { } product)
            {
                yield return product;
            }
        }

        if (rules.HeaderPending)
        {
            errors.Add(new CsvError(1, null, $"The file is empty: expected the header '{string.Join(',', InputCsvFormat.Header)}'."));
        }
        else if (dataRows == 0)
        {
            errors.Add(new CsvError(2, null, "The file has a header but no products."));
        }
    }

    private static string MalformedMessage(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "Malformed quoting: a quote inside an unquoted field (quote the field and double the quote).",
        CsvMalformedReason.TextAfterClosingQuote => "Malformed quoting: text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "Malformed quoting: a quoted field is never closed.",
        _ => $"Malformed record: {reason}.",
    };
}
