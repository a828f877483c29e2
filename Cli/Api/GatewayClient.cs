using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ImagePipeline.Cli.Api;

/// <summary>The gateway's REST API, as <c>imagepipeline</c> uses it.</summary>
public sealed class GatewayClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }
    }

    /// <summary>Uploads a CSV (multipart, as the console does); the 202 answer as JSON.</summary>
    public async Task<JsonElement> SubmitAsync(string path, string? webhookUrl, string? webhookEvents, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var form = new MultipartFormDataContent();
        var csv = new StreamContent(file);
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(csv, "file", Path.GetFileName(path));
        if (!string.IsNullOrEmpty(webhookUrl))
        {
            form.Add(new StringContent(webhookUrl), "webhookUrl");
        }
        if (!string.IsNullOrEmpty(webhookEvents))
        {
            form.Add(new StringContent(webhookEvents), "webhookEvents");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/requests") { Content = form };
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async Task<StatusAnswer> StatusAsync(Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/requests/{requestId}"), cancellationToken);
        return await ReadStatusAsync(response, cancellationToken);
    }

    public async Task<JsonElement> ListAsync(string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (status is not null)
        {
            query.Add($"status={Uri.EscapeDataString(status)}");
        }
        if (limit is not null)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"limit={limit}"));
        }
        if (cursor is not null)
        {
            query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        }
        var uri = query.Count == 0 ? "api/requests" : $"api/requests?{string.Join('&', query)}";
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async Task<StatusAnswer> CancelAsync(Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/requests/{requestId}"), cancellationToken);
        return await ReadStatusAsync(response, cancellationToken);
    }

    /// <summary>Deletes a finished request's files and records (204); a request still running or unknown fails.</summary>
    public async Task PurgeAsync(Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/requests/{requestId}?purge=true"), cancellationToken);
    }

    public async Task<StatusAnswer> RetryAsync(Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/requests/{requestId}/retry"), cancellationToken);
        return await ReadStatusAsync(response, cancellationToken);
    }

    /// <summary>Copies <c>output.csv</c> or <c>failed.csv</c> of a request to <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(Guid requestId, string name, Stream destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/requests/{requestId}/{name}");
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    private static async Task<StatusAnswer> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var status = json.Deserialize<RequestStatus>(Json) ?? throw new InvalidDataException("The gateway answered an empty status.");
        return new StatusAnswer(status, json, response.Headers.RetryAfter?.Delta);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            var response = await _http.SendAsync(request, completion, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                throw await FailureAsync(request, response, cancellationToken);
            }
        }
    }

    private static async Task<GatewayException> FailureAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonElement? problem = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            }
            catch (JsonException)
            {
                // a body that is not JSON after all: the status code says enough
            }
        }
        var code = (int)response.StatusCode;
        var title = problem is { } titled ? Text(titled, "title") : null;
        var detail = problem is { } detailed ? Text(detailed, "detail") : null;
        var said = title is not null && detail is not null ? $"{title}: {detail}" : title ?? detail;
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{said ?? "An API key is needed."} Pass --api-key or set IMAGEPIPELINE_API_KEY.",
            // no route for this method and path: a gateway older than this client
            HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound when problem is null =>
                $"This gateway does not offer {request.Method} {request.RequestUri} ({code}).",
            _ => $"{said ?? response.ReasonPhrase} ({code})",
        };
        return new GatewayException(response.StatusCode, message, problem);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _http.Dispose();
}
