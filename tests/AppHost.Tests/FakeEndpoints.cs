namespace ImagePipeline.AppHost.Tests;

/// <summary>Gives endpoints the addresses DCP would, so connection strings and environments resolve without running anything.</summary>
public static class FakeEndpoints
{
    public static void Allocate(IResource resource, string host, int port)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single();
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, host, port);
    }

    /// <summary>
    /// Every endpoint not yet allocated, at the host it targets and its fixed port, or else a distinct port counting
    /// from <paramref name="firstPort"/>.
    /// </summary>
    public static void AllocateAll(IEnumerable<IResource> resources, int firstPort)
    {
        var port = firstPort;
        foreach (var endpoint in resources.SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.AllocatedEndpoint ??= new AllocatedEndpoint(endpoint, endpoint.TargetHost, endpoint.Port ?? port++);
        }
    }
}
