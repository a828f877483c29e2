using CsvHelper;

namespace ImagePipeline.Csv;

/// <summary>How every CSV the system hands to clients is written (the output CSV, failed.csv).</summary>
public static class PublicCsv
{
    /// <summary>
    /// RFC 4180 with CRLF; cells that start or end with whitespace are quoted too, so readers that trim unquoted cells keep
    /// the value. UTF-8 without a byte order mark: RFC 4180 and most tools expect none, and our own reader accepts both.
    /// A cell that starts with = + - @ tab or CR gets a leading apostrophe (and quotes), so a spreadsheet shows the text
    /// instead of running it as a formula; such a product name therefore reads back with the apostrophe.
    /// </summary>
    public static CsvWriterOptions WriterOptions { get; } = new()
    {
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };
}
