using System.Text.Json.Nodes;
using Yarp.ReverseProxy.Configuration;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// The one public OpenAPI document: the gateway's own operations, plus, for every proxied route and method, the
/// operation the service behind it documents (see <see cref="ProxiedOperation"/>) with the schemas it refers to, plus
/// the API-key scheme when keys are on. Only proxied routes are taken from the services, so their internal routes
/// (Ingest's <c>/internal</c>, Notifier's operator calls) never appear.
/// </summary>
public static class PublicApiDocument
{
    public const string Title = "ImagePipeline API";

    private static readonly string[] Undocumented = ["HEAD", "OPTIONS"];

    public static JsonObject Build(
        JsonObject gateway, IReadOnlyList<RouteConfig> routes, IReadOnlyDictionary<string, ServiceDocument> services, bool apiKeysEnabled)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(services);
        var document = gateway;
        var info = document.Child("info");
        info["title"] = Title;
        info["description"] = "Every public operation of ImagePipeline, at the gateway. Operations under /api need an API key in X-Api-Key " +
            "when the server has keys configured; /files does not.";
        var paths = document.Child("paths");
        var operationIds = Operations(document).Select(operation => (string?)operation["operationId"]).OfType<string>().ToHashSet(StringComparer.Ordinal);

        foreach (var route in routes)
        {
            var service = services[route.ClusterId!];
            var imported = new List<JsonObject>();
            foreach (var method in route.Match.Methods!.Where(method => !Undocumented.Contains(method, StringComparer.OrdinalIgnoreCase)))
            {
                var operation = ProxiedOperation.For(route, method, service);
                KeepUnique(operation, service.Service, operationIds);
                paths.Child(RouteTemplate.Parse(route.Match.Path!).OpenApiPath)[method.ToLowerInvariant()] = operation;
                imported.Add(operation);
            }
            if (service.Document is { } source)
            {
                SchemaImport.Import(document, source, service.Service, imported);
            }
        }
        DeclareTags(document);
        if (apiKeysEnabled)
        {
            ApiKeySecurity.Declare(document);
        }
        return document;
    }

    /// <summary>Operation IDs name client methods, so two services' equal IDs get the second one's service as a prefix.</summary>
    private static void KeepUnique(JsonObject operation, string service, HashSet<string> operationIds)
    {
        if ((string?)operation["operationId"] is not { } id)
        {
            return;
        }
        var unique = id;
        for (var attempt = 2; !operationIds.Add(unique); attempt++)
        {
            unique = attempt == 2 ? char.ToUpperInvariant(service[0]) + service[1..] + id : $"{char.ToUpperInvariant(service[0])}{service[1..]}{id}{attempt}";
        }
        operation["operationId"] = unique;
    }

    /// <summary>The document's tag list holds every tag its operations use, once.</summary>
    private static void DeclareTags(JsonObject document)
    {
        var tags = document.Array("tags");
        var declared = tags.OfType<JsonObject>().Select(tag => (string?)tag["name"]).ToHashSet(StringComparer.Ordinal);
        foreach (var operation in Operations(document))
        {
            foreach (var tag in (operation["tags"] as JsonArray ?? []).Select(tag => (string?)tag).OfType<string>())
            {
                if (declared.Add(tag))
                {
                    tags.Add(new JsonObject { ["name"] = tag });
                }
            }
        }
    }

    /// <summary>Every operation of the document with its path.</summary>
    public static IEnumerable<JsonObject> Operations(JsonObject document) => PathOperations(document).Select(entry => entry.Operation);

    public static IEnumerable<(string Path, string Method, JsonObject Operation)> PathOperations(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document["paths"] is not JsonObject paths)
        {
            yield break;
        }
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject operations)
            {
                continue;
            }
            foreach (var (method, operation) in operations)
            {
                if (operation is JsonObject found && method != "parameters")
                {
                    yield return (path, method, found);
                }
            }
        }
    }
}
