using System.Text.Json.Nodes;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Proxy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImagePipeline.Gateway.OpenApi;

public static class PublicApiDocumentEndpoints
{
    public const string DocumentName = "v1";

    /// <summary>
    /// <c>GET /openapi/v1.json</c>, the path the gateway's own document always had, now the whole public API (see
    /// <see cref="PublicApiDocument"/>). Outside <c>/api</c>, so it needs no key, like the reference page that reads it:
    /// it describes the API, never a client's data.
    /// </summary>
    public static RouteHandlerBuilder MapPublicApiDocument(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGet(ServiceDocumentCache.DocumentPath, GetDocument).ExcludeFromDescription();
    }

    public static async Task<IResult> GetDocument(
        [FromKeyedServices(DocumentName)] IOpenApiDocumentProvider gateway, ServiceDocumentCache services, ApiKeyRing keys,
        HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(response);
        var own = await gateway.GetOpenApiDocumentAsync(cancellationToken);
        var ownJson = JsonNode.Parse(await own.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken))!.AsObject();
        var sources = await services.GetAllAsync(cancellationToken);
        var document = PublicApiDocument.Build(ownJson, ProxyRoutes.Routes, sources, keys.Enabled);
        // a document missing a service's part must not be kept by a cache once the service is back
        response.Headers.CacheControl = sources.Values.Any(source => source.Failure is not null) ? "no-store" : "no-cache";
        return TypedResults.Text(document.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }
}
