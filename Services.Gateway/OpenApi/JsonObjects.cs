using System.Text.Json.Nodes;

namespace ImagePipeline.Gateway.OpenApi;

internal static class JsonObjects
{
    /// <summary>The object under <paramref name="name"/>, created empty if there is none.</summary>
    public static JsonObject Child(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static JsonArray Array(this JsonObject parent, string name)
    {
        if (parent[name] is JsonArray array)
        {
            return array;
        }
        var created = new JsonArray();
        parent[name] = created;
        return created;
    }
}
