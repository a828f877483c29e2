using System.Net;
using System.Text.Json.Nodes;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The gateway's one OpenAPI document with the real services behind it: every proxied operation is the one the
/// service that implements it documents (none is the gateway's stand-in), and the merged document holds together.
/// That the document and the gateway's routes match one for one is Gateway.Tests' PublicApiDocumentTests.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PublicApiDocumentTests(PipelineFixture pipeline)
{
    private const string DocumentPath = "/openapi/v1.json";
    private const string UndocumentedExtension = "x-imagepipeline-undocumented";
    private const string SchemaPrefix = "#/components/schemas/";

    private static readonly TimeSpan DocumentTimeout = TimeSpan.FromSeconds(60);

    [RequiresAppHostFact]
    public async Task Every_operation_is_described_by_the_service_that_implements_it()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();
        Assert.All(operations, operation => Assert.True(operation.Operation[UndocumentedExtension] is null,
            $"{operation.Method.ToUpperInvariant()} {operation.Path}: {operation.Operation[UndocumentedExtension]}"));
        Assert.All(operations, operation => Assert.NotEmpty(operation.Operation["responses"]!.AsObject()));
        Assert.DoesNotContain(operations, operation => operation.Path.StartsWith("/internal", StringComparison.Ordinal));
    }

    [RequiresAppHostFact]
    public async Task The_proxied_operations_are_at_the_clients_paths_with_their_own_parameters()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;

        Assert.NotNull(paths["/api/requests"]!["get"]);
        Assert.NotNull(paths["/api/requests"]!["post"]);
        // Export names the parameter {id}; the client sees the gateway's {requestId}
        Assert.Equal(["requestId"], ParameterNames(paths["/api/requests/{requestId}/output.csv"]!["get"]!, "path"));
        Assert.Contains("reasons", ParameterNames(paths["/api/requests/{requestId}/retry"]!["post"]!, "query"));
        Assert.Contains("Idempotency-Key", ParameterNames(paths["/api/requests/{requestId}/retry"]!["post"]!, "header"));
        Assert.Contains("Idempotency-Key", ParameterNames(paths["/api/requests"]!["post"]!, "header"));
        Assert.NotNull(paths["/api/requests/{requestId}"]!["delete"]);
        Assert.NotNull(paths["/api/requests/{requestId}/failed.csv"]!["get"]);
        Assert.NotNull(paths["/api/requests/{requestId}/deliveries"]!["get"]);
        Assert.Null(paths["/api/deliveries/{id}"]);
    }

    [RequiresAppHostFact]
    public async Task Every_schema_reference_resolves_in_the_document()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var references = References(document).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(schemas.ContainsKey(reference), $"$ref {SchemaPrefix}{reference} has no schema."));
    }

    /// <summary>
    /// The document once every service has answered for its part: a service builds its document on the first ask, and
    /// one that was slow to start is asked again after OpenApi:RetryInterval.
    /// </summary>
    private async Task<JsonObject> DocumentAsync()
    {
        var deadline = DateTime.UtcNow + DocumentTimeout;
        while (true)
        {
            using var response = await pipeline.Gateway.GetAsync(DocumentPath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (Operations(document).All(operation => operation.Operation[UndocumentedExtension] is null) || DateTime.UtcNow > deadline)
            {
                return document;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(item => item.Value is JsonObject && item.Key != "parameters")
            .Select(item => (path.Key, item.Key, item.Value!.AsObject())));

    private static List<string> ParameterNames(JsonNode operation, string location) =>
        [.. (operation["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == location).Select(p => (string)p!["name"]!)];

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property =>
            property.Key == "$ref" && property.Value is JsonValue value && value.TryGetValue<string>(out var reference)
                && reference.StartsWith(SchemaPrefix, StringComparison.Ordinal)
                ? [reference[SchemaPrefix.Length..]]
                : References(property.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
