using System.Text;
using ImagePipeline.Csv;

namespace ImagePipeline.Gateway.Tests.Csv;

public sealed class ProductCsvReaderTests
{
    private const string Header = CsvText.Header;

    [Fact]
    public async Task Valid_file_with_quoted_commas_quotes_and_unicode_names_reads_every_product()
    {
        var text = $"{Header}\r\n" +
                   "1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n" +
                   "2,\"Chair, \"\"oak\"\"\",https://img.example/c.png\r\n" +
                   "3,Ткань ручной работы,https://img.example/d.webp\r\n" +
                   "4,椅子,\"https://img.example/e.jpg , https://img.example/f.jpg\"\r\n";

        var (rows, errors) = await CsvText.ReadAsync(text);

        Assert.Empty(errors);
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.SerialNumber));
        Assert.Equal(["SKU1", "Chair, \"oak\"", "Ткань ручной работы", "椅子"], rows.Select(r => r.ProductName));
        Assert.Equal(["https://img.example/a.jpg", "https://img.example/b.jpg"], rows[0].ImageUrls);
        Assert.Equal(["https://img.example/e.jpg", "https://img.example/f.jpg"], rows[3].ImageUrls);
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_tolerated()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\n1,SKU1,https://img.example/a.jpg\n")).ToArray();

        var (rows, errors) = await CsvText.ReadAsync(bytes);

        Assert.Empty(errors);
        Assert.Single(rows);
    }

    [Fact]
    public async Task Wrong_header_is_an_error_on_row_1()
    {
        var (rows, errors) = await CsvText.ReadAsync("No,Name,Urls\n1,SKU1,https://img.example/a.jpg\n");

        Assert.Empty(rows);
        var error = Assert.Single(errors);
        Assert.Equal(1, error.Row);
        Assert.Contains("header must be exactly", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_file_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync("");

        Assert.Contains("empty", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_only_file_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\r\n");

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("no products", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task Serial_number_must_be_a_positive_integer(string serialNumber)
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\n{serialNumber},SKU1,https://img.example/a.jpg\n");

        Assert.Empty(rows);
        var error = Assert.Single(errors);
        Assert.Equal((2, "S. No."), (error.Row, error.Column));
    }

    [Fact]
    public async Task Duplicate_serial_number_names_both_rows()
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\n7,A,https://img.example/a.jpg\n7,B,https://img.example/b.jpg\n");

        Assert.Single(rows);
        var error = Assert.Single(errors);
        Assert.Equal((3, "S. No."), (error.Row, error.Column));
        Assert.Contains("first on row 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_product_name_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,  ,https://img.example/a.jpg\n");

        Assert.Equal((2, "Product Name"), (Assert.Single(errors).Row, errors[0].Column));
    }

    [Fact]
    public async Task Product_without_urls_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1,\" , \"\n");

        var error = Assert.Single(errors);
        Assert.Equal((2, "Input Image Urls"), (error.Row, error.Column));
        Assert.Contains("no image URL", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("img.example/a.jpg")]
    [InlineData("ftp://img.example/a.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:pw@img.example/a.jpg")]
    public async Task Every_url_must_be_absolute_http_or_https(string url)
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1,\"https://img.example/ok.jpg,{url}\"\n");

        Assert.Empty(rows);
        var error = Assert.Single(errors);
        Assert.Equal((2, "Input Image Urls"), (error.Row, error.Column));
        Assert.StartsWith("URL 2:", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_column_count_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1\n2,SKU2,https://img.example/a.jpg,extra\n");

        Assert.Equal([2, 3], errors.Select(e => e.Row));
        Assert.All(errors, e => Assert.Contains("Expected 3 columns", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_error_in_the_file_is_listed_not_just_the_first()
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\nx,SKU1,https://img.example/a.jpg\n2,,notaurl\n3,SKU3,https://img.example/c.jpg\n");

        Assert.Single(rows);
        Assert.Equal([(2, "S. No."), (3, "Product Name"), (3, "Input Image Urls")], errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public async Task Malformed_quoting_is_an_error_on_its_row()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,SK\"U1,https://img.example/a.jpg\n");

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("quote", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_an_error()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n1,").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(",https://img.example/a.jpg\n")).ToArray();

        var (_, errors) = await CsvText.ReadAsync(bytes);

        Assert.Contains(errors, e => e.Reason.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_rows_than_the_limit_is_an_error()
    {
        var text = Header + "\n" + string.Concat(Enumerable.Range(1, 4).Select(i => $"{i},SKU{i},https://img.example/{i}.jpg\n"));

        var (_, errors) = await CsvText.ReadAsync(text, new CsvLimits { MaxRows = 3 });

        Assert.Contains("more than 3 products", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_urls_than_the_limit_is_an_error()
    {
        var urls = string.Join(',', Enumerable.Range(1, 3).Select(i => $"https://img.example/{i}.jpg"));

        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1,\"{urls}\"\n", new CsvLimits { MaxUrlsPerProduct = 2 });

        Assert.Contains("at most 2", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_longer_than_the_limit_is_an_error()
    {
        var (_, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1,https://img.example/{new string('a', 100)}.jpg\n", new CsvLimits { MaxUrlLength = 50 });

        Assert.Contains("at most 50", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_lines_are_errors_on_their_row_and_the_rest_is_still_read()
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\r\n1,SKU1,https://img.example/a.jpg\r\n\r\n2,SKU2,https://img.example/b.jpg\r\n");

        Assert.Equal([1L, 2], rows.Select(r => r.SerialNumber));
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("Blank line", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_final_line_break_is_not_a_blank_line()
    {
        var (rows, errors) = await CsvText.ReadAsync($"{Header}\n1,SKU1,https://img.example/a.jpg\n");

        Assert.Empty(errors);
        Assert.Single(rows);
    }
}
