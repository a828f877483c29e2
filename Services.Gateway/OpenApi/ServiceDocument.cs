using System.Text.Json.Nodes;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// One service's OpenAPI document as last fetched (<see cref="Document"/> null if it never answered), and why the
/// newest fetch failed, if it did.
/// </summary>
public sealed record ServiceDocument(string Service, JsonObject? Document, string? Failure);
