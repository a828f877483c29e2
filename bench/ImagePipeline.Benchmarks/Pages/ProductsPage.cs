using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ImagePipeline.Benchmarks.Pipeline;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// One answer to a GET as a client sees it: the time from sending the request to the last byte of the body, the body's
/// size, the products it lists (none when it is not a products page) and the next page's path from the Link header.
/// </summary>
public sealed record ProductsPage(TimeSpan Latency, int Bytes, IReadOnlyList<PageProduct> Products, string? Next)
{
    /// <summary>GETs <paramref name="path"/> and reads the whole body; anything but <c>200</c> fails the run.</summary>
    public static async Task<ProductsPage> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        var latency = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} was answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }
        using var json = JsonDocument.Parse(body);
        IReadOnlyList<PageProduct> products = json.RootElement.ValueKind == JsonValueKind.Array
            ? [.. json.RootElement.EnumerateArray().Select(PageProduct.From)]
            : [];
        // the API writes its public (gateway) address into the link; the path is what either client asks for
        var next = PipelineClient.NextPage(response) is { } link ? new Uri(new Uri("http://localhost/"), link).PathAndQuery : null;
        return new ProductsPage(latency, body.Length, products, next);
    }
}
