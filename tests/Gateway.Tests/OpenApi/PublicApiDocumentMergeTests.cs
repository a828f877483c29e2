using System.Text.Json.Nodes;
using ImagePipeline.Gateway.OpenApi;
using ImagePipeline.Gateway.Proxy;

namespace ImagePipeline.Gateway.Tests.OpenApi;

/// <summary>The merge itself, on small documents shaped like the ones ASP.NET Core writes.</summary>
public sealed class PublicApiDocumentMergeTests
{
    private const string Gateway = """
        {
          "openapi": "3.1.1",
          "info": { "title": "ImagePipeline.Gateway | v1", "version": "1.0.0" },
          "paths": { "/api/requests": { "post": { "tags": ["Requests"], "operationId": "SubmitRequest", "responses": {
            "400": { "description": "Bad Request", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } } } } },
          "components": { "schemas": {
            "ProblemDetails": { "type": "object", "properties": { "title": { "type": "string" } } },
            "Status": { "type": "string", "description": "the gateway's own" } } },
          "tags": [{ "name": "Requests" }]
        }
        """;

    private const string Ingest = """
        {
          "openapi": "3.1.1",
          "info": { "title": "ImagePipeline.Ingest | v1", "version": "1.0.0" },
          "paths": {
            "/api/requests/": { "get": { "tags": ["Requests"], "operationId": "ListRequests", "responses": {
              "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Page" } } } } } } },
            "/api/requests/{requestId}": {
              "get": { "tags": ["Requests"], "parameters": [{ "name": "requestId", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }],
                "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } },
                  "404": { "description": "Not Found", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } } },
              "delete": { "tags": ["Requests"], "parameters": [{ "name": "requestId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "202": { "description": "Accepted" } } } },
            "/internal/requests/{requestId}/rows": { "get": { "tags": ["Internal"], "responses": {
              "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Rows" } } } } } } }
          },
          "components": { "schemas": {
            "Page": { "type": "object", "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Status" } } } },
            "Status": { "type": "object", "properties": { "status": { "type": "string" } } },
            "ProblemDetails": { "type": "object", "properties": { "title": { "type": "string" } } },
            "Rows": { "type": "array" } } }
        }
        """;

    private const string Export = """
        {
          "openapi": "3.1.1",
          "info": { "title": "ImagePipeline.Export | v1", "version": "1.0.0" },
          "paths": { "/api/requests/{id}/output.csv": { "get": { "tags": ["Exports"], "operationId": "SubmitRequest",
            "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }],
            "responses": { "200": { "description": "OK" } } } } }
        }
        """;

    private readonly JsonObject _document = PublicApiDocument.Build(
        JsonNode.Parse(Gateway)!.AsObject(),
        ProxyRoutes.Routes,
        new Dictionary<string, ServiceDocument>
        {
            [ProxyRoutes.IngestCluster] = new(ProxyRoutes.IngestCluster, JsonNode.Parse(Ingest)!.AsObject(), null),
            [ProxyRoutes.ExportCluster] = new(ProxyRoutes.ExportCluster, JsonNode.Parse(Export)!.AsObject(), null),
            [ProxyRoutes.NotifierCluster] = new(ProxyRoutes.NotifierCluster, null, "connection refused"),
        },
        apiKeysEnabled: false);

    [Fact]
    public void A_proxied_operation_keeps_the_services_description_at_the_path_the_client_calls()
    {
        var list = _document["paths"]!["/api/requests"]!;

        Assert.Equal("SubmitRequest", (string?)list["post"]!["operationId"]);
        Assert.Equal("ListRequests", (string?)list["get"]!["operationId"]);
        Assert.Null(_document["paths"]!["/api/requests/"]);
    }

    [Fact]
    public void Path_parameters_take_the_gateways_names()
    {
        var output = _document["paths"]!["/api/requests/{requestId}/output.csv"]!["get"]!;

        Assert.Equal("requestId", (string?)output["parameters"]![0]!["name"]);
        Assert.Null(_document["paths"]!["/api/requests/{id}/output.csv"]);
    }

    [Fact]
    public void A_schema_name_that_clashes_is_imported_under_the_services_prefix_and_every_reference_follows()
    {
        var schemas = _document["components"]!["schemas"]!;

        Assert.Equal("the gateway's own", (string?)schemas["Status"]!["description"]);
        Assert.Equal("object", (string?)schemas["IngestStatus"]!["type"]);
        Assert.Equal("#/components/schemas/IngestStatus",
            (string?)_document["paths"]!["/api/requests/{requestId}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/IngestStatus", (string?)schemas["Page"]!["properties"]!["items"]!["items"]!["$ref"]);
    }

    [Fact]
    public void An_identical_schema_is_shared()
    {
        var schemas = _document["components"]!["schemas"]!.AsObject();

        Assert.True(schemas.ContainsKey("ProblemDetails"));
        Assert.False(schemas.ContainsKey("IngestProblemDetails"));
    }

    [Fact]
    public void Nothing_of_a_non_public_route_is_imported()
    {
        Assert.DoesNotContain(PublicApiDocument.PathOperations(_document), operation => operation.Path.StartsWith("/internal", StringComparison.Ordinal));
        Assert.False(_document["components"]!["schemas"]!.AsObject().ContainsKey("Rows"));
        Assert.DoesNotContain(_document["tags"]!.AsArray(), tag => (string?)tag!["name"] == "Internal");
    }

    [Fact]
    public void A_route_its_service_does_not_document_is_listed_as_undocumented()
    {
        var retry = _document["paths"]!["/api/requests/{requestId}/retry"]!["post"]!;
        var deliveries = _document["paths"]!["/api/requests/{requestId}/deliveries"]!["get"]!;

        Assert.Equal("ingest does not document POST /api/requests/{requestId}/retry.", (string?)retry[ProxiedOperation.UndocumentedExtension]);
        Assert.Contains("connection refused", (string?)deliveries[ProxiedOperation.UndocumentedExtension], StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_id_already_taken_gets_its_services_prefix()
    {
        Assert.Equal("SubmitRequest", (string?)_document["paths"]!["/api/requests"]!["post"]!["operationId"]);
        Assert.Equal("ExportSubmitRequest", (string?)_document["paths"]!["/api/requests/{requestId}/output.csv"]!["get"]!["operationId"]);
    }

    [Fact]
    public void Every_tag_an_operation_uses_is_declared_once()
    {
        var tags = _document["tags"]!.AsArray().Select(tag => (string?)tag!["name"]).ToList();

        Assert.Equal(tags.Distinct().Count(), tags.Count);
        Assert.Contains("Exports", tags);
    }
}
