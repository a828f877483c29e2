using ImagePipeline.Gateway.OpenApi;
using ImagePipeline.Gateway.Proxy;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Extensions;

public static class PublicApiDocumentExtensions
{
    /// <summary>
    /// The gateway's own OpenAPI document and the cache of the services' documents that the public document merges
    /// in, fetched from the addresses the proxy forwards to.
    /// </summary>
    public static WebApplicationBuilder AddPublicApiDocument(this WebApplicationBuilder builder, ProxyOptions proxy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(proxy);
        builder.Services.AddOpenApi(PublicApiDocumentEndpoints.DocumentName);
        builder.Services.AddOptions<PublicApiOptions>()
            .BindConfiguration(PublicApiOptions.SectionName)
            .Validate(
                options => options.SourceTimeout > TimeSpan.Zero && options.RefreshInterval > TimeSpan.Zero && options.RetryInterval > TimeSpan.Zero,
                "OpenApi:SourceTimeout, RefreshInterval and RetryInterval must be positive.")
            .ValidateOnStart();
        // no retries: a service that does not answer is asked again after OpenApi:RetryInterval, and retrying here
        // would only hold the whole document back for OpenApi:SourceTimeout (the API is marked for evaluation; without
        // it the document is still right, only slower while a service is down)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(ServiceDocumentCache.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        var services = ProxyRoutes.Clusters(proxy).ToDictionary(
            cluster => cluster.ClusterId, cluster => new Uri(cluster.Destinations!.Values.Single().Address), StringComparer.Ordinal);
        builder.Services.AddSingleton(provider => new ServiceDocumentCache(
            services,
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptions<PublicApiOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ServiceDocumentCache>>()));
        builder.Services.AddHostedService<ServiceDocumentWarmup>();
        return builder;
    }
}
