namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// A route template reduced to what OpenAPI can say: <c>/api/requests/{requestId:guid}</c> is the path
/// <c>/api/requests/{requestId}</c>, and matches any path of the same shape, whatever its parameters are called
/// (Export names it <c>{id}</c>) or however its trailing slash is written (Ingest's list is <c>/api/requests/</c>).
/// </summary>
public sealed record RouteTemplate(IReadOnlyList<string> Literals, IReadOnlyList<string> Parameters, string Shape, string OpenApiPath)
{
    private const string Placeholder = "{}";

    public static RouteTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parameters = new List<string>();
        var shape = new List<string>();
        var path = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = ParameterName(segment);
                parameters.Add(name);
                shape.Add(Placeholder);
                path.Add("{" + name + "}");
            }
            else
            {
                shape.Add(segment.ToLowerInvariant());
                path.Add(segment);
            }
        }
        return new RouteTemplate(segments, parameters, "/" + string.Join('/', shape), "/" + string.Join('/', path));
    }

    /// <summary><c>{**key}</c>, <c>{id:guid}</c>, <c>{page?}</c> and <c>{n=1}</c> are all named by what comes first.</summary>
    private static string ParameterName(string segment)
    {
        var inner = segment[1..^1].TrimStart('*');
        var end = inner.IndexOfAny([':', '=', '?']);
        return end < 0 ? inner : inner[..end];
    }
}
