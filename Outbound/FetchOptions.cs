namespace ImagePipeline.Outbound;

/// <summary>
/// Where the services may fetch from on a client's behalf (image URLs, webhook URLs), section <c>Fetch</c>. By default
/// only public internet addresses: nothing on this machine, the private network or the cloud metadata service.
/// </summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>
    /// Exceptions to the address rules: <c>host</c> (any port) or <c>host:port</c>, matched against the URL's host as
    /// written (an IP literal, or a name; <c>[::1]:8080</c> for IPv6). For development and tests.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Allow loopback, private, link-local and CGNAT destinations too. Never in production.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Most connections one process opens to one origin host at once. Each worker's download handler enforces it;
    /// Ingest reads the same setting to cap a request's images in flight per host across all workers.
    /// </summary>
    public int MaxConnectionsPerHost { get; set; } = 8;

    /// <summary>The <c>User-Agent</c> of fetches on a client's behalf; null or empty: <see cref="DefaultUserAgent"/>.</summary>
    public string? UserAgent { get; set; }

    /// <summary><c>ImagePipeline/&lt;version&gt;</c>: a server's operator can tell who is fetching, and from which release.</summary>
    public static string DefaultUserAgent { get; } = $"ImagePipeline/{typeof(FetchOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    /// <summary>The <c>User-Agent</c> to send: the setting, else the default.</summary>
    public string EffectiveUserAgent => string.IsNullOrWhiteSpace(UserAgent) ? DefaultUserAgent : UserAgent.Trim();
}
