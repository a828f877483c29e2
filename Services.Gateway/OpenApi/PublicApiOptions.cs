namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// How the gateway gathers the services' OpenAPI documents for its one public document (section <c>OpenApi</c>).
/// </summary>
public sealed class PublicApiOptions
{
    public const string SectionName = "OpenApi";

    /// <summary>How long one service's document may take before the public document is served without it.</summary>
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a service's fetched document is reused: it only changes when the service is redeployed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a failed fetch the gateway asks that service again (meanwhile it serves what it has).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
