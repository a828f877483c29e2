namespace ImagePipeline.Gateway.Proxy;

/// <summary>
/// Where the gateway forwards reads (section <c>Proxy</c>, not <c>Gateway</c>: that one holds the AppHost's own
/// settings); service names are resolved by service discovery, addresses are used as they are.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Ingest, for a request's status and products.</summary>
    public string IngestUrl { get; set; } = "http://ingest";

    /// <summary>Export, for a request's output CSV.</summary>
    public string ExportUrl { get; set; } = "http://export";

    /// <summary>Notifier, for a request's webhook deliveries.</summary>
    public string NotifierUrl { get; set; } = "http://notifier";
}
