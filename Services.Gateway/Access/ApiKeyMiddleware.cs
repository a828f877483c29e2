using Microsoft.Extensions.Primitives;

namespace ImagePipeline.Gateway.Access;

/// <summary>
/// When API keys are configured, lets an <c>/api</c> call through only with one of them in <c>X-Api-Key</c>, and
/// records the key's fingerprint as the caller's identity. Health endpoints, the OpenAPI document and <c>/files</c>
/// stay open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    private static readonly PathString ApiPath = new("/api");

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!keys.Enabled || !context.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var presented = context.Request.Headers[ApiKeyRing.HeaderName];
        if (StringValues.IsNullOrEmpty(presented))
        {
            await RefuseAsync(context, "API key required", $"This API needs an API key in the {ApiKeyRing.HeaderName} header.");
            return;
        }
        if (presented.Count != 1 || keys.Identify(presented.ToString()) is not { } identity)
        {
            await RefuseAsync(context, "API key not accepted", $"The {ApiKeyRing.HeaderName} header does not hold a valid API key.");
            return;
        }

        context.Items[ClientIdentity.ItemKey] = identity;
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, string title, string detail)
    {
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyRing.HeaderName}\"";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: title).ExecuteAsync(context);
    }
}
