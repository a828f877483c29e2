using System.Text;
using CsvHelper;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Export.Csv;

namespace ImagePipeline.Export.Tests.Csv;

public sealed class OutputCsvWriterTests
{
    private const string HeaderLine = "S. No.,Product Name,Input Image Urls,Output Image Urls\r\n";

    [Fact]
    public async Task Writes_the_output_header_first()
    {
        var (csv, count) = await WriteAsync();

        Assert.Equal(HeaderLine, csv);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Keeps_row_order_and_url_positions()
    {
        var (csv, count) = await WriteAsync(
            Row(3, "Gamma", ["https://in.test/g1.jpg", "https://in.test/g2.jpg"], ["https://out.test/g1.jpg", "https://out.test/g2.jpg"]),
            Row(1, "Alpha", ["https://in.test/a1.jpg"], ["https://out.test/a1.jpg"]),
            Row(2, "Beta", ["https://in.test/b1.jpg", "https://in.test/b2.jpg", "https://in.test/b3.jpg"],
                ["https://out.test/b1.jpg", "https://out.test/b2.jpg", "https://out.test/b3.jpg"]));

        Assert.Equal(3, count);
        Assert.Equal(
            HeaderLine
            + "3,Gamma,\"https://in.test/g1.jpg,https://in.test/g2.jpg\",\"https://out.test/g1.jpg,https://out.test/g2.jpg\"\r\n"
            + "1,Alpha,https://in.test/a1.jpg,https://out.test/a1.jpg\r\n"
            + "2,Beta,\"https://in.test/b1.jpg,https://in.test/b2.jpg,https://in.test/b3.jpg\",\"https://out.test/b1.jpg,https://out.test/b2.jpg,https://out.test/b3.jpg\"\r\n",
            csv);
    }

    [Theory]
    [InlineData(new[] { "https://x/a.jpg", null, "https://x/c.jpg" }, "https://x/a.jpg,,https://x/c.jpg")]
    [InlineData(new[] { null, "https://x/b.jpg" }, ",https://x/b.jpg")]
    [InlineData(new[] { "https://x/a.jpg", null }, "https://x/a.jpg,")]
    [InlineData(new string?[] { null, null, null }, ",,")]
    public async Task A_failed_image_leaves_its_slot_empty(string?[] outputUrls, string expectedCell)
    {
        var inputUrls = Enumerable.Range(1, outputUrls.Length).Select(i => $"https://in.test/{i}.jpg").ToArray();

        var (csv, _) = await WriteAsync(Row(1, "Lamp", inputUrls, outputUrls));

        var records = ReadBack(csv);
        Assert.Equal(expectedCell, records[1][3]);
        Assert.Equal(outputUrls.Length, records[1][3].Split(',').Length);
    }

    [Theory]
    [InlineData("Chair, oak")]
    [InlineData("The \"best\" lamp")]
    [InlineData("Two\r\nlines")]
    [InlineData("Two\nlines")]
    [InlineData("\"quoted, with comma\"")]
    [InlineData("日本語の商品")]
    [InlineData("Стол письменный")]
    [InlineData("مصباح مكتب")]
    [InlineData("कुर्सी 🪑 chair")]
    [InlineData("  padded  ")]
    public async Task Product_names_round_trip_exactly(string name)
    {
        var (csv, _) = await WriteAsync(Row(7, name, ["https://in.test/1.jpg"], ["https://out.test/1.jpg"]));

        var records = ReadBack(csv);
        Assert.Equal(2, records.Count);
        Assert.Equal(["7", name, "https://in.test/1.jpg", "https://out.test/1.jpg"], records[1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\")", "\"'=HYPERLINK(\"\"http://evil.test\"\")\"")]
    [InlineData("+1+2", "\"'+1+2\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A2)", "\"'@SUM(A1:A2)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public async Task Formula_cells_are_neutralised_with_a_leading_apostrophe(string name, string expectedCell)
    {
        var (csv, _) = await WriteAsync(Row(1, name, ["https://in.test/1.jpg"], ["https://out.test/1.jpg"]));

        Assert.Equal(HeaderLine + $"1,{expectedCell},https://in.test/1.jpg,https://out.test/1.jpg\r\n", csv);
        Assert.Equal("'" + name, ReadBack(csv)[1][1]);
    }

    [Fact]
    public async Task Writes_utf8_without_byte_order_mark_and_crlf_line_ends()
    {
        using var destination = new MemoryStream();
        await OutputCsvWriter.WriteAsync(Rows(Row(1, "Café", ["https://in.test/1.jpg"], ["https://out.test/1.jpg"])), destination, CancellationToken.None);

        var bytes = destination.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The CSV starts with a byte order mark.");
        // a strict decoder throws on anything that is not UTF-8
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Equal(HeaderLine + "1,Café,https://in.test/1.jpg,https://out.test/1.jpg\r\n", text);
    }

    [Fact]
    public async Task Leaves_the_destination_open()
    {
        using var destination = new MemoryStream();

        await OutputCsvWriter.WriteAsync(Rows(), destination, CancellationToken.None);

        Assert.True(destination.CanWrite);
        Assert.Equal(HeaderLine.Length, destination.Length);
    }

    [Fact]
    public async Task Rejects_a_row_whose_output_urls_do_not_line_up()
    {
        using var destination = new MemoryStream();
        var rows = Rows(Row(4, "Desk", ["https://in.test/1.jpg", "https://in.test/2.jpg"], ["https://out.test/1.jpg"]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OutputCsvWriter.WriteAsync(rows, destination, CancellationToken.None));

        Assert.Contains("S. No. 4", error.Message);
    }

    private static OutputRow Row(long serialNumber, string name, string[] inputUrls, string?[] outputUrls) =>
        new(serialNumber, name, inputUrls, outputUrls);

    private static async IAsyncEnumerable<OutputRow> Rows(params OutputRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async Task<(string Csv, int Count)> WriteAsync(params OutputRow[] rows)
    {
        using var destination = new MemoryStream();
        var count = await OutputCsvWriter.WriteAsync(Rows(rows), destination, CancellationToken.None);
        return (Encoding.UTF8.GetString(destination.ToArray()), count);
    }

    /// <summary>Every record, header included, as CsvHelper 34 reads it back.</summary>
    private static List<string[]> ReadBack(string csv)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv), new CsvReaderOptions { Separator = ',', HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            var record = new string[reader.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i);
            }
            records.Add(record);
        }
        return records;
    }
}
