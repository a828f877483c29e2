using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// The OpenAPI documents of the services behind the proxy, fetched from each one's <c>/openapi/v1.json</c> through
/// service discovery (the addresses YARP forwards to) and reused for <see cref="PublicApiOptions.RefreshInterval"/>.
/// A service that does not answer leaves its last document in place and is asked again after
/// <see cref="PublicApiOptions.RetryInterval"/>, so the public document never waits on it more than once per interval.
/// </summary>
public sealed partial class ServiceDocumentCache(
    IReadOnlyDictionary<string, Uri> services,
    IHttpClientFactory clients,
    IOptions<PublicApiOptions> options,
    TimeProvider time,
    ILogger<ServiceDocumentCache> logger)
{
    public const string HttpClientName = "openapi-sources";
    public const string DocumentPath = "/openapi/v1.json";

    private readonly ConcurrentDictionary<string, ServiceDocumentEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The document of every service, fetched in parallel where due.</summary>
    public async Task<IReadOnlyDictionary<string, ServiceDocument>> GetAllAsync(CancellationToken cancellationToken)
    {
        var documents = await Task.WhenAll(services.Keys.Select(service => GetAsync(service, cancellationToken)));
        return documents.ToDictionary(document => document.Service, StringComparer.Ordinal);
    }

    private async Task<ServiceDocument> GetAsync(string service, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(service, _ => new ServiceDocumentEntry());
        if (time.GetUtcNow() < entry.NextFetch)
        {
            return entry.Snapshot(service);
        }
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // another caller may have fetched it while this one waited
            if (time.GetUtcNow() < entry.NextFetch)
            {
                return entry.Snapshot(service);
            }
            try
            {
                entry.Document = await FetchAsync(services[service], cancellationToken);
                entry.Failure = null;
                entry.NextFetch = time.GetUtcNow() + options.Value.RefreshInterval;
            }
            // whatever goes wrong (no address, refused, slow, not JSON) the answer is the same: serve without it for now
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                entry.Failure = exception is OperationCanceledException
                    ? $"no answer within {options.Value.SourceTimeout.TotalSeconds:0.#} s"
                    : exception.Message;
                entry.NextFetch = time.GetUtcNow() + options.Value.RetryInterval;
                LogFetchFailed(logger, service, entry.Failure);
            }
            return entry.Snapshot(service);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<JsonObject> FetchAsync(Uri service, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SourceTimeout);
        using var client = clients.CreateClient(HttpClientName);
        using var response = await client.GetAsync(new Uri(service, DocumentPath), timeout.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await JsonNode.ParseAsync(body, cancellationToken: timeout.Token) as JsonObject
            ?? throw new InvalidDataException($"{DocumentPath} is not a JSON object.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OpenAPI document of {Service} could not be fetched ({Failure}); the public document goes without it until it answers.")]
    private static partial void LogFetchFailed(ILogger logger, string service, string failure);
}
