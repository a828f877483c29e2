using System.Text.Json.Nodes;
using ImagePipeline.Gateway.Access;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// The <c>X-Api-Key</c> scheme, declared only when the gateway has keys, and required on exactly the operations
/// <see cref="ApiKeyMiddleware"/> guards (those under <c>/api</c>).
/// </summary>
public static class ApiKeySecurity
{
    public const string SchemeName = "ApiKey";

    public static void Declare(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Child("components").Child("securitySchemes")[SchemeName] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "header",
            ["name"] = ApiKeyRing.HeaderName,
            ["description"] = "One of the keys the operator configured (Access:ApiKeys). Each key sees only the requests uploaded with it.",
        };
        foreach (var (path, _, operation) in PublicApiDocument.PathOperations(document))
        {
            if (path == "/api" || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                operation["security"] = new JsonArray(new JsonObject { [SchemeName] = new JsonArray() });
            }
        }
    }
}
