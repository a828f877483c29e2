using System.Text.Json.Nodes;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// Brings the schemas an imported operation refers to (and those they refer to, and nothing else: a service's
/// non-public routes leave no trace) into the public document. A name already there with the same schema is shared;
/// a name already there with another schema is imported under the service's prefix (<c>IngestX</c>), and every
/// reference in what was imported is rewritten to it.
/// </summary>
public static class SchemaImport
{
    private const string Prefix = "#/components/schemas/";

    public static void Import(JsonObject target, JsonObject source, string service, IReadOnlyList<JsonObject> operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(operations);
        var sourceSchemas = source["components"]?["schemas"] as JsonObject;
        if (sourceSchemas is null)
        {
            return;
        }
        var targetSchemas = target.Child("components").Child("schemas");

        var reachable = Reachable(operations, sourceSchemas);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in reachable)
        {
            names[name] = TargetName(targetSchemas, sourceSchemas[name]!, name, service);
        }
        foreach (var operation in operations)
        {
            Rewrite(operation, names);
        }
        foreach (var (name, targetName) in names)
        {
            if (targetSchemas.ContainsKey(targetName))
            {
                continue;
            }
            var schema = sourceSchemas[name]!.DeepClone();
            Rewrite(schema, names);
            targetSchemas[targetName] = schema;
        }
    }

    private static string TargetName(JsonObject targetSchemas, JsonNode schema, string name, string service)
    {
        var candidate = name;
        var prefix = char.ToUpperInvariant(service[0]) + service[1..];
        for (var attempt = 1; targetSchemas[candidate] is { } existing && !JsonNode.DeepEquals(existing, schema); attempt++)
        {
            candidate = attempt == 1 ? prefix + name : $"{prefix}{name}{attempt}";
        }
        return candidate;
    }

    private static HashSet<string> Reachable(IReadOnlyList<JsonObject> operations, JsonObject sourceSchemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>(operations);
        while (pending.TryPop(out var node))
        {
            foreach (var name in References(node))
            {
                if (sourceSchemas[name] is { } schema && found.Add(name))
                {
                    pending.Push(schema);
                }
            }
        }
        return found;
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value?.GetValueKind() == System.Text.Json.JsonValueKind.String
                        && value.GetValue<string>() is { } reference && reference.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        yield return reference[Prefix.Length..];
                    }
                    foreach (var name in References(value))
                    {
                        yield return name;
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var name in References(item))
                    {
                        yield return name;
                    }
                }
                break;
        }
    }

    private static void Rewrite(JsonNode? node, IReadOnlyDictionary<string, string> names)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference) && reference.StartsWith(Prefix, StringComparison.Ordinal)
                    && names.TryGetValue(reference[Prefix.Length..], out var renamed))
                {
                    obj["$ref"] = Prefix + renamed;
                }
                foreach (var (_, child) in obj)
                {
                    Rewrite(child, names);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, names);
                }
                break;
        }
    }
}
