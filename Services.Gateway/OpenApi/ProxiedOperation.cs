using System.Text.Json.Nodes;
using Yarp.ReverseProxy.Configuration;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// The operation a service documents for one proxied route and method, as the client sees it: at the gateway's path,
/// with the gateway's names for the path parameters. When the service has not answered, or documents no such
/// operation, a stand-in that says so (<see cref="UndocumentedExtension"/>), so the route is listed all the same.
/// </summary>
public static class ProxiedOperation
{
    /// <summary>Marks an operation the service behind it did not describe, with the reason.</summary>
    public const string UndocumentedExtension = "x-imagepipeline-undocumented";

    public static JsonObject For(RouteConfig route, string method, ServiceDocument service)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(service);
        var template = RouteTemplate.Parse(route.Match.Path!);
        if (service.Document is null)
        {
            return StandIn(route, template, $"{service.Service} has not answered for its OpenAPI document ({service.Failure}); reload later.");
        }
        return Find(service.Document, template, method)
            ?? StandIn(route, template, $"{service.Service} does not document {method} {template.OpenApiPath}.");
    }

    private static JsonObject? Find(JsonObject document, RouteTemplate gateway, string method)
    {
        if (document["paths"] is not JsonObject paths)
        {
            return null;
        }
        foreach (var (path, item) in paths)
        {
            var own = RouteTemplate.Parse(path);
            if (own.Shape != gateway.Shape || item?[method.ToLowerInvariant()] is not JsonObject found)
            {
                continue;
            }
            var operation = found.DeepClone().AsObject();
            // parameters a service declares for the whole path belong to each of its operations
            if (item["parameters"] is JsonArray shared)
            {
                foreach (var parameter in shared)
                {
                    operation.Array("parameters").Add(parameter?.DeepClone());
                }
            }
            RenamePathParameters(operation, own.Parameters, gateway.Parameters);
            return operation;
        }
        return null;
    }

    private static void RenamePathParameters(JsonObject operation, IReadOnlyList<string> own, IReadOnlyList<string> gateway)
    {
        if (operation["parameters"] is not JsonArray parameters)
        {
            return;
        }
        foreach (var parameter in parameters.OfType<JsonObject>())
        {
            if ((string?)parameter["in"] != "path" || (string?)parameter["name"] is not { } name)
            {
                continue;
            }
            var position = own.ToList().IndexOf(name);
            if (position >= 0)
            {
                parameter["name"] = gateway[position];
            }
        }
    }

    private static JsonObject StandIn(RouteConfig route, RouteTemplate template, string reason)
    {
        var parameters = new JsonArray();
        foreach (var name in template.Parameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }
        return new JsonObject
        {
            ["tags"] = new JsonArray("Requests"),
            ["summary"] = reason,
            ["operationId"] = route.RouteId,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["default"] = new JsonObject { ["description"] = "The answer of " + route.ClusterId + "." } },
            [UndocumentedExtension] = reason,
        };
    }
}
