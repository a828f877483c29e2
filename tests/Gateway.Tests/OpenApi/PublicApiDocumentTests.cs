using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImagePipeline.Gateway.OpenApi;
using ImagePipeline.Gateway.Tests.Apis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.OpenApi;

/// <summary>
/// The gateway's public document against the gateway's routes, with no service behind it (the merge with the real
/// services is proven through the AppHost, in EndToEnd.Tests' PublicApiDocumentTests).
/// </summary>
public sealed class PublicApiDocumentTests : IDisposable
{
    private const string Key = "key-a-0123456789abcdef";

    private readonly GatewayFactory _factory = new();

    public PublicApiDocumentTests()
    {
        // nothing listens on port 1: every service's document fails at once
        foreach (var service in new[] { "IngestUrl", "ExportUrl", "NotifierUrl" })
        {
            _factory.Settings[$"Proxy:{service}"] = "http://127.0.0.1:1";
        }
        _factory.TestServices = services => services.AddSingleton<IStartupFilter, MatchedRouteHeader>();
    }

    [Fact]
    public async Task Every_public_route_of_the_gateway_is_in_the_document_with_its_methods()
    {
        var document = await DocumentAsync();

        var routes = PublicRoutes().ToList();
        Assert.Contains(routes, route => route.Path == "/files/{key}");
        Assert.Contains(routes, route => route.Path == "/api/requests/{requestId}/retry" && route.Method == "post");
        foreach (var (path, method) in routes)
        {
            Assert.True(document["paths"]?[path]?[method] is JsonObject, $"{method.ToUpperInvariant()} {path} is routed but not documented.");
        }
    }

    [Fact]
    public async Task Every_operation_in_the_document_is_routed_at_the_gateway()
    {
        var document = await DocumentAsync();
        var client = _factory.CreateClient();

        var operations = PublicApiDocument.PathOperations(document).ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, _) in operations)
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concrete));

            Assert.True(response.Headers.TryGetValues(MatchedRouteHeader.Name, out var matched),
                $"{method.ToUpperInvariant()} {path} is documented but the gateway routes it nowhere ({(int)response.StatusCode}).");
            Assert.Equal(path, RouteTemplate.Parse(matched.Single()).OpenApiPath);
        }
    }

    [Fact]
    public async Task No_internal_route_is_in_the_document()
    {
        var document = await DocumentAsync();

        Assert.DoesNotContain(PublicApiDocument.PathOperations(document), operation => operation.Path.StartsWith("/internal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_leaves_its_routes_listed_and_says_so()
    {
        using var response = await _factory.CreateClient().GetAsync(ServiceDocumentCache.DocumentPath);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        var status = document["paths"]!["/api/requests/{requestId}"]!["get"]!;
        Assert.Contains("ingest", (string?)status[ProxiedOperation.UndocumentedExtension], StringComparison.Ordinal);
        Assert.Equal("requestId", (string?)status["parameters"]![0]!["name"]);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task With_api_keys_the_document_declares_the_key_on_api_operations_only_and_needs_none_itself()
    {
        _factory.Settings["Access:ApiKeys:0"] = Key;

        var document = await DocumentAsync();

        var scheme = document["components"]!["securitySchemes"]![ApiKeySecurity.SchemeName]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        Assert.NotNull(document["paths"]!["/api/requests"]!["post"]!["security"]);
        Assert.NotNull(document["paths"]!["/api/requests/{requestId}/output.csv"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/files/{key}"]!["get"]!["security"]);
    }

    [Fact]
    public async Task Without_api_keys_no_scheme_is_declared()
    {
        var document = await DocumentAsync();

        Assert.Null(document["components"]?["securitySchemes"]);
        Assert.Null(document["paths"]!["/api/requests"]!["post"]!["security"]);
    }

    [Fact]
    public async Task The_upload_documents_its_idempotency_key()
    {
        var document = await DocumentAsync();

        var parameters = document["paths"]!["/api/requests"]!["post"]!["parameters"]!.AsArray();
        Assert.Contains(parameters, parameter => (string?)parameter!["name"] == "Idempotency-Key" && (string?)parameter["in"] == "header");
    }

    [Fact]
    public async Task The_upload_documents_both_body_forms_and_its_query_fields()
    {
        var document = await DocumentAsync();

        var upload = document["paths"]!["/api/requests"]!["post"]!;
        var content = upload["requestBody"]!["content"]!;
        Assert.Equal("binary", (string?)content["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"]);
        Assert.NotNull(content["multipart/form-data"]!["schema"]!["properties"]!["webhookEvents"]);
        Assert.Equal("string", (string?)content["text/csv"]!["schema"]!["type"]);
        var query = upload["parameters"]!.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string?)p!["name"]);
        Assert.Equal(["webhookUrl", "webhookEvents"], query);
    }

    private async Task<JsonObject> DocumentAsync() =>
        (await _factory.CreateClient().GetFromJsonAsync<JsonObject>(ServiceDocumentCache.DocumentPath))!;

    /// <summary>Every route the gateway answers under /api and /files, its own and the proxied, as OpenAPI paths.</summary>
    private IEnumerable<(string Path, string Method)> PublicRoutes() =>
        _factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } raw
                && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("/files", StringComparison.Ordinal)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(method => method != HttpMethods.Head)
                .Select(method => (RouteTemplate.Parse(endpoint.RoutePattern.RawText!).OpenApiPath, method.ToLowerInvariant())))
            .Distinct();

    public void Dispose() => _factory.Dispose();
}
