using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.Outbound;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Extensions;

public static class ImageDownloaderExtensions
{
    /// <summary>
    /// Registers <see cref="ImageDownloader"/> with its own HttpClient. ServiceDefaults gives every client the standard
    /// resilience handler and service discovery; this one drops both and retries in the downloader instead:
    /// <list type="bullet">
    /// <item>the standard handler's circuit breaker is per client, not per host, so a few dead hosts in one CSV would
    /// open it and fail healthy downloads from every other host;</item>
    /// <item>its timeouts and retries end when the response headers arrive, while ours must also cover the body, and
    /// only the downloader knows which reason code a final failure gets; two retry layers would also multiply attempts;</item>
    /// <item>service discovery would resolve a URL like <c>http://ingest/…</c> from a client's CSV to our own services.</item>
    /// </list>
    /// Every connection, redirects included, goes through the <see cref="DestinationGuard"/>, which checks the resolved
    /// address at connect time.
    /// Trace context still flows: SocketsHttpHandler writes <c>traceparent</c> from <c>Activity.Current</c> itself.
    /// </summary>
    public static IServiceCollection AddImageDownloader(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddHttpClient<ImageDownloader>(ImageDownloader.HttpClientName, (provider, http) =>
            {
                // the downloader's own budget (ImageWorker:DownloadTimeout) bounds each download, body included
                http.Timeout = Timeout.InfiniteTimeSpan;
                // Fetch:UserAgent, or ImagePipeline/<version>: the servers we fetch from can tell who we are
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", provider.GetRequiredService<IOptions<FetchOptions>>().Value.EffectiveUserAgent);
                // no image/avif: a server that negotiates formats must not answer with one we cannot process
                http.DefaultRequestHeaders.Accept.ParseAdd("image/jpeg, image/png, image/webp, image/gif, */*;q=0.1");
            })
            .ConfigurePrimaryHttpMessageHandler(provider => DownloadHandler.Create(
                provider.GetRequiredService<IOptions<ImageWorkerOptions>>().Value,
                provider.GetRequiredService<IOptions<FetchOptions>>().Value,
                provider.GetRequiredService<DestinationGuard>()))
            // client defaults are applied first, so this empties what they added (resilience, service discovery);
            // the factory's logging handlers are added afterwards and stay
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        return services;
    }
}
