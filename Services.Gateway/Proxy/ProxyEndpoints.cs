namespace ImagePipeline.Gateway.Proxy;

public static class ProxyEndpoints
{
    /// <summary>The YARP routes, with <see cref="ProxyRequestGuard"/> ahead of YARP's standard pipeline.</summary>
    public static IEndpointConventionBuilder MapRequestsProxy(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(ProxyRequestGuard.InvokeAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
    }
}
