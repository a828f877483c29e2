using System.Text;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;

namespace ImagePipeline.Gateway.Tests.Csv;

/// <summary>A hostile CSV's errors cost bounded memory: the first few are kept, the rest counted (issue 10, item 1).</summary>
public sealed class BoundedErrorTests
{
    [Fact]
    public void Error_list_keeps_the_first_errors_and_counts_every_one()
    {
        var errors = new CsvErrorList(maxListed: 3);

        for (var row = 2; row < 12; row++)
        {
            errors.Add(new CsvError(row, null, "wrong"));
        }

        Assert.Equal(10, errors.Total);
        Assert.Equal([2, 3, 4], errors.Select(e => e.Row));
    }

    [Fact]
    public async Task Product_far_over_the_url_limit_is_one_count_error_and_only_the_urls_within_the_limit_are_checked()
    {
        var limits = new CsvLimits { MaxUrlsPerProduct = 20 };
        var cell = string.Join(',', Enumerable.Repeat("a", 50_000));
        var text = $"{CsvText.Header}\n1,SKU1,\"{cell}\"\n";
        var errors = new CsvErrorList(maxListed: 1000);

        var rows = new List<ProductRow>();
        await foreach (var row in new ProductCsvReader(limits).ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), errors, CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.Empty(rows);
        // today's reader checked all 50,000 URLs: 50,001 errors
        Assert.Equal(1 + limits.MaxUrlsPerProduct, errors.Total);
        Assert.Contains("50000 image URLs", errors.First().Reason, StringComparison.Ordinal);
        Assert.Equal(["URL 1", "URL 20"], errors.Skip(1).Where((_, i) => i is 0 or 19).Select(e => e.Reason.Split(':')[0]));
    }

    [Fact]
    public async Task A_full_error_list_does_not_let_a_broken_row_through()
    {
        var text = $"{CsvText.Header}\n1,SKU1,https://img.example/a.jpg\n0,,ftp://x\n3,SKU3,https://img.example/c.jpg\n";
        var errors = new CsvErrorList(maxListed: 0);

        var rows = new List<ProductRow>();
        await foreach (var row in new ProductCsvReader(new CsvLimits()).ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), errors, CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.Equal([1L, 3], rows.Select(r => r.SerialNumber));
        Assert.Equal(3, errors.Total);
        Assert.Empty(errors);
    }
}
