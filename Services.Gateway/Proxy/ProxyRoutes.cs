using Yarp.ReverseProxy.Configuration;

namespace ImagePipeline.Gateway.Proxy;

/// <summary>
/// What the gateway forwards: the list, status, products, failed.csv, cancel and retry to Ingest, the output CSV to
/// Export, webhook deliveries to Notifier. Every route is a read (GET or HEAD) or a command without a body (DELETE of a
/// request, POST of its retry), and no request body at all (<see cref="RouteConfig.MaxRequestBodySize"/> 0; <see cref="ProxyRequestGuard"/>
/// refuses a request that announces one before anything is forwarded). The caller's API key is not forwarded.
/// </summary>
public static class ProxyRoutes
{
    public const string IngestCluster = "ingest";
    public const string ExportCluster = "export";
    public const string NotifierCluster = "notifier";

    /// <summary>
    /// The route value every proxied route about one request carries, checked against the caller before forwarding;
    /// the routes without one (the list) are answered per caller by the service, from <see cref="ClientHeaderName"/>.
    /// </summary>
    public const string RequestIdRouteValue = "requestId";

    /// <summary>The caller's API-key fingerprint, set by <see cref="ProxyRequestGuard"/> only (a client's copy is dropped).</summary>
    public const string ClientHeaderName = "X-ImagePipeline-Client";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Get("request-list", "/api/requests", IngestCluster),
        Get("request-status", "/api/requests/{requestId:guid}", IngestCluster),
        Get("request-products", "/api/requests/{requestId:guid}/products", IngestCluster),
        Get("request-output-csv", "/api/requests/{requestId:guid}/output.csv", ExportCluster),
        Get("request-deliveries", "/api/requests/{requestId:guid}/deliveries", NotifierCluster),
        Get("request-failed-csv", "/api/requests/{requestId:guid}/failed.csv", IngestCluster),
        Command("request-cancel", "/api/requests/{requestId:guid}", "DELETE", IngestCluster),
        Command("request-retry", "/api/requests/{requestId:guid}/retry", "POST", IngestCluster),
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

    private static RouteConfig Get(string id, string path, string cluster) => Route(id, path, cluster, "GET", "HEAD");

    /// <summary>A command on one request (cancel, retry): no body either, only its path and query say what to do.</summary>
    private static RouteConfig Command(string id, string path, string method, string cluster) => Route(id, path, cluster, method);

    private static RouteConfig Route(string id, string path, string cluster, params string[] methods) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path, Methods = methods },
        MaxRequestBodySize = 0,
        // the key has done its work at the gateway; services behind it never need to see (or log) it
        Transforms = [new Dictionary<string, string> { ["RequestHeaderRemove"] = Access.ApiKeyRing.HeaderName }],
    };

    private static ClusterConfig Cluster(string id, string address) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["default"] = new() { Address = address } },
    };
}
