using System.Net;
using ImagePipeline.Outbound;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>The download client's primary handler: the guard attached, and polite to the servers it fetches from.</summary>
public static class DownloadHandler
{
    public static SocketsHttpHandler Create(ImageWorkerOptions worker, FetchOptions fetch, DestinationGuard guard)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(guard);
        return guard.Attach(new SocketsHttpHandler
        {
            ConnectTimeout = worker.ConnectTimeout,
            // the downloader follows redirects itself, checking each hop's URL
            AllowAutoRedirect = false,
            // the size limit counts decoded bytes, so a compressed body cannot smuggle more past it
            AutomaticDecompression = DecompressionMethods.All,
            // cookies set by one client's URLs must not travel with another client's requests
            UseCookies = false,
            // one CSV full of one shop's URLs must not open a connection per worker slot to that shop: the pool is per
            // origin (scheme, host, port); downloads beyond it wait for a free connection within their own budget
            MaxConnectionsPerServer = fetch.MaxConnectionsPerHost,
        });
    }
}
