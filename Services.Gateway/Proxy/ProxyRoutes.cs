using Yarp.ReverseProxy.Configuration;

namespace ImagePipeline.Gateway.Proxy;

/// <summary>
/// What the gateway forwards: status and products to Ingest, the output CSV to Export. Destinations are service names
/// that Aspire service discovery resolves.
/// </summary>
public static class ProxyRoutes
{
    public const string IngestCluster = "ingest";
    public const string ExportCluster = "export";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Get("request-status", "/api/requests/{requestId:guid}", IngestCluster),
        Get("request-products", "/api/requests/{requestId:guid}/products", IngestCluster),
        Get("request-output-csv", "/api/requests/{requestId:guid}/output.csv", ExportCluster),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        Cluster(IngestCluster, "http://ingest"),
        Cluster(ExportCluster, "http://export"),
    ];

    private static RouteConfig Get(string id, string path, string cluster) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path, Methods = ["GET", "HEAD"] },
    };

    private static ClusterConfig Cluster(string id, string address) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["default"] = new() { Address = address } },
    };
}
