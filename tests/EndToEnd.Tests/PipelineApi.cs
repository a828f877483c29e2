using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>The client side of the gateway's API as the end-to-end tests use it.</summary>
internal static class PipelineApi
{
    public static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(4);

    /// <summary>A CSV of the given products, every field quoted.</summary>
    public static string Csv(IEnumerable<(int SerialNumber, string Name, IReadOnlyList<string> Urls)> products)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        foreach (var (serialNumber, name, urls) in products)
        {
            csv.Append(serialNumber).Append(',').Append(Quote(name)).Append(',').Append(Quote(string.Join(',', urls))).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Uploads <paramref name="csv"/> as a text/csv body and returns the accepted request's ID.</summary>
    public static async Task<Guid> UploadAsync(HttpClient gateway, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await gateway.PostAsync("/api/requests", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetGuid();
    }

    public static async Task<JsonElement> WaitForFinalStatusAsync(HttpClient gateway, Guid requestId)
    {
        using var timeout = new CancellationTokenSource(CompletionTimeout);
        while (true)
        {
            var status = await gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}", timeout.Token);
            if (status.GetProperty("status").GetString() is "Completed" or "CompletedWithErrors" or "Failed")
            {
                return status;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    /// <summary>Every product's images, in CSV order.</summary>
    public static async Task<JsonElement[][]> ImagesAsync(HttpClient gateway, Guid requestId)
    {
        var products = await gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/products");
        return [.. products.EnumerateArray().Select(p => p.GetProperty("images").EnumerateArray().ToArray())];
    }

    /// <summary>The output CSV as Export wrote it, header included, one array of cells per row.</summary>
    public static Task<List<string[]>> OutputCsvAsync(HttpClient gateway, Guid requestId) =>
        CsvRowsAsync(gateway, $"/api/requests/{requestId}/output.csv");

    /// <summary>failed.csv, header included, one array of cells per row.</summary>
    public static Task<List<string[]>> FailedCsvAsync(HttpClient gateway, Guid requestId) =>
        CsvRowsAsync(gateway, $"/api/requests/{requestId}/failed.csv");

    private static async Task<List<string[]>> CsvRowsAsync(HttpClient gateway, string route)
    {
        using var response = await gateway.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = CsvReader.Create(await response.Content.ReadAsByteArrayAsync(), new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        return rows;
    }

    public static string? String(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
