using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>The client side of the gateway's API as the system benchmarks use it.</summary>
public static class PipelineClient
{
    /// <summary>A CSV of products with <paramref name="urlsPerProduct"/> of the URLs each (the last product may have fewer).</summary>
    public static string Csv(IReadOnlyList<string> urls, int urlsPerProduct)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var csv = new StringBuilder(string.Join(',', InputCsvFormat.Header.Select(Quote))).Append("\r\n");
        var product = 0;
        foreach (var chunk in urls.Chunk(urlsPerProduct))
        {
            product++;
            csv.Append(CultureInfo.InvariantCulture, $"{product},\"Product {product}\",{Quote(string.Join(',', chunk))}\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Uploads a CSV as a <c>text/csv</c> body and returns the accepted request's ID.</summary>
    public static Task<Guid> UploadAsync(HttpClient gateway, HttpContent csv, string? webhookUrl, CancellationToken cancellationToken) =>
        UploadAsync(gateway, csv, webhookUrl, fresh: false, attempts: 1, cancellationToken);

    /// <summary>
    /// Uploads a CSV as a <c>text/csv</c> body and returns the accepted request's ID; <paramref name="fresh"/> asks for a
    /// fresh run (<c>fresh=true</c>: nothing reused from the client's earlier requests). A <c>503</c> is sent again after
    /// its Retry-After, up to <paramref name="attempts"/> in all (said on stderr): the broker did not take the request,
    /// so nothing was accepted.
    /// </summary>
    public static async Task<Guid> UploadAsync(HttpClient gateway, HttpContent csv, string? webhookUrl, bool fresh, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(csv);
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        string[] query = [.. webhookUrl is null ? [] : new[] { $"webhookUrl={Uri.EscapeDataString(webhookUrl)}" }, .. fresh ? new[] { "fresh=true" } : []];
        var path = query.Length == 0 ? "/api/requests" : $"/api/requests?{string.Join('&', query)}";
        for (var attempt = 1; ; attempt++)
        {
            using var response = await gateway.PostAsync(path, csv, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetGuid();
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt >= attempts)
            {
                throw new InvalidOperationException($"The upload was answered {(int)response.StatusCode}: {body}");
            }
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            Console.Error.WriteLine($"The upload was answered 503 (attempt {attempt} of {attempts}); sending it again in {wait.TotalSeconds:0} s: {body}");
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Every image's worker and completion time, from <c>GET /api/requests/{id}/products</c>.</summary>
    public static async Task<IReadOnlyList<(string Status, string? ProcessedBy, DateTimeOffset? CompletedAt)>> ImagesAsync(
        HttpClient gateway, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        using var products = JsonDocument.Parse(await gateway.GetStringAsync($"/api/requests/{requestId}/products", cancellationToken));
        return [.. products.RootElement.EnumerateArray()
            .SelectMany(product => product.GetProperty("images").EnumerateArray())
            .Select(image => (
                image.GetProperty("status").GetString() ?? "",
                image.TryGetProperty("processedBy", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null,
                image.TryGetProperty("completedAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : (DateTimeOffset?)null))];
    }

    /// <summary>
    /// How every image of a request came to its result: from the <c>reuse</c> field of each image of
    /// <c>GET /api/requests/{id}/products</c> (every page, following the Link header) when the API gives one, else from the
    /// status's <c>reused</c> counts (<c>GET /api/requests/{id}</c>), where a failed slot served by another slot's
    /// failure counts in both failed and same_request.
    /// </summary>
    public static async Task<(ImageReuseCounts Counts, string Source)> ReuseCountsAsync(HttpClient gateway, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var counts = new ImageReuseCounts();
        var perImage = false;
        for (string? page = $"/api/requests/{requestId}/products"; page is not null;)
        {
            using var response = await gateway.GetAsync(page, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var products = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var image in products.RootElement.EnumerateArray().SelectMany(product => product.GetProperty("images").EnumerateArray()))
            {
                var hasReuse = image.TryGetProperty("reuse", out var reuse);
                perImage |= hasReuse;
                counts = counts.Add(image.GetProperty("status").GetString() ?? "", hasReuse && reuse.ValueKind == JsonValueKind.String ? reuse.GetString() : null);
            }
            page = NextPage(response);
        }
        return perImage ? (counts, "products") : (await StatusReuseCountsAsync(gateway, requestId, cancellationToken), "status");
    }

    private static async Task<ImageReuseCounts> StatusReuseCountsAsync(HttpClient gateway, Guid requestId, CancellationToken cancellationToken)
    {
        using var status = JsonDocument.Parse(await gateway.GetStringAsync($"/api/requests/{requestId}", cancellationToken));
        var images = status.RootElement.GetProperty("images");
        var reused = status.RootElement.TryGetProperty("reused", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        int Count(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
        var (sameRequest, notModified, sameBytes) = (Count(reused, "sameRequest"), Count(reused, "notModified"), Count(reused, "sameBytes"));
        var (succeeded, failed) = (Count(images, "succeeded"), Count(images, "failed"));
        return new ImageReuseCounts(
            Made: Math.Max(0, succeeded - sameRequest - notModified - sameBytes), SameRequest: sameRequest, NotModified: notModified, SameBytes: sameBytes,
            Failed: failed, Other: Count(images, "total") - succeeded - failed);
    }

    /// <summary>The next page's URL from a products answer's Link header (rel=next), as the API wrote it; null on the last page.</summary>
    public static string? NextPage(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Link", out var links)
            ? links.SelectMany(l => l.Split(',')).Where(l => l.Contains("rel=\"next\"", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf('<', StringComparison.Ordinal) + 1)..l.IndexOf('>', StringComparison.Ordinal)]).FirstOrDefault()
            : null;
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
