using System.Net;
using System.Text.Json;

namespace ImagePipeline.Cli.Api;

/// <summary>An answer other than 2xx, with its problem details when the gateway sent them.</summary>
public sealed class GatewayException(HttpStatusCode statusCode, string message, JsonElement? problem) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public JsonElement? Problem { get; } = problem;
}
