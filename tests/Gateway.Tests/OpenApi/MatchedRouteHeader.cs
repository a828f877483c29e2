using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImagePipeline.Gateway.Tests.OpenApi;

/// <summary>
/// Puts the route pattern of the endpoint routing chose into each answer, so a test can tell "routed, and the handler
/// said no" from "no route": a status code alone cannot (an unknown image and an unknown route are both a bare 404).
/// </summary>
internal sealed class MatchedRouteHeader : IStartupFilter
{
    public const string Name = "X-Test-Matched-Route";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.GetEndpoint() is RouteEndpoint endpoint)
                {
                    context.Response.Headers[Name] = endpoint.RoutePattern.RawText;
                }
                return Task.CompletedTask;
            });
            await nextMiddleware(context);
        });
        next(app);
    };
}
