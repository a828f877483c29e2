using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Persistence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Proxy;

/// <summary>
/// The first step of the proxy pipeline, before anything is forwarded: a read carries no body, and, when API keys are
/// in use, the request it names must belong to the caller's key. Another key's request gets the very 404 an unknown
/// one gets (the same Ingest gives), so a caller cannot tell whether someone else's request ID exists.
/// </summary>
public static class ProxyRequestGuard
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        if (HasBody(context))
        {
            await TypedResults.Problem(
                "Reads through the gateway take no request body.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body not allowed").ExecuteAsync(context);
            return;
        }

        // only the gateway says who the caller is
        context.Request.Headers.Remove(ProxyRoutes.ClientHeaderName);
        if (ClientIdentity.Of(context) is { } client)
        {
            context.Request.Headers[ProxyRoutes.ClientHeaderName] = client;
        }

        if (context.RequestServices.GetRequiredService<ApiKeyRing>().Enabled
            && context.Request.RouteValues.TryGetValue(ProxyRoutes.RequestIdRouteValue, out var routeValue))
        {
            var requestId = Guid.Parse(Convert.ToString(routeValue, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
            var owner = await context.RequestServices.GetRequiredService<IGatewayStore>().FindOwnerAsync(requestId, context.RequestAborted);
            if (owner is null || !string.Equals(owner, ClientIdentity.Of(context), StringComparison.Ordinal))
            {
                await NotFound(requestId).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody
            : context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;

    private static NotFound<ProblemDetails> NotFound(Guid requestId) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Request not found",
        Status = StatusCodes.Status404NotFound,
        Detail = $"No request has the ID {requestId}.",
    });
}
