namespace ImagePipeline.ServiceDefaults.Net;

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
}
