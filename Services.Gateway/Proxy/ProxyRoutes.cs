using Yarp.ReverseProxy.Configuration;

namespace ImagePipeline.Gateway.Proxy;

/// <summary>
/// What the gateway forwards: status and products to Ingest, the output CSV to Export, webhook deliveries to Notifier. Every route is a read: GET or
/// HEAD, and no request body at all (<see cref="RouteConfig.MaxRequestBodySize"/> 0; <see cref="ProxyRequestGuard"/>
/// refuses a request that announces one before anything is forwarded). The caller's API key is not forwarded.
/// </summary>
public static class ProxyRoutes
{
    public const string IngestCluster = "ingest";
    public const string ExportCluster = "export";
    public const string NotifierCluster = "notifier";

    /// <summary>The route value every proxied route carries, checked against the caller before forwarding.</summary>
    public const string RequestIdRouteValue = "requestId";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Get("request-status", "/api/requests/{requestId:guid}", IngestCluster),
        Get("request-products", "/api/requests/{requestId:guid}/products", IngestCluster),
        Get("request-output-csv", "/api/requests/{requestId:guid}/output.csv", ExportCluster),
        Get("request-deliveries", "/api/requests/{requestId:guid}/deliveries", NotifierCluster),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            Cluster(IngestCluster, options.IngestUrl),
            Cluster(ExportCluster, options.ExportUrl),
            Cluster(NotifierCluster, options.NotifierUrl),
        ];
    }

    private static RouteConfig Get(string id, string path, string cluster) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path, Methods = ["GET", "HEAD"] },
        MaxRequestBodySize = 0,
        // the key has done its work at the gateway; services behind it never need to see (or log) it
        Transforms =
        [
            new Dictionary<string, string> { ["RequestHeaderRemove"] = Access.ApiKeyRing.HeaderName },
            // the output CSV (an attachment, from Export) and every JSON answer keep their declared type in a browser
            new Dictionary<string, string> { ["ResponseHeader"] = "X-Content-Type-Options", ["Set"] = "nosniff", ["When"] = "Always" },
        ],
    };

    private static ClusterConfig Cluster(string id, string address) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["default"] = new() { Address = address } },
    };
}
