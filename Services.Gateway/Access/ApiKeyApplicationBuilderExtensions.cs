namespace ImagePipeline.Gateway.Access;

public static class ApiKeyApplicationBuilderExtensions
{
    /// <summary>
    /// Checks API keys on <c>/api</c> calls. Goes before the rate limiter, which partitions uploads by the identity
    /// this records.
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ApiKeyMiddleware>();
    }
}
