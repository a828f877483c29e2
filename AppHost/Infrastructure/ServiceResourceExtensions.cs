namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>What every pipeline service gets from the AppHost.</summary>
public static class ServiceResourceExtensions
{
    /// <summary>
    /// The bus (waited for), the file store, the public base URL clients see, and a health check the AppHost and
    /// the tests wait on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPipelineDefaults(
        this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString> messaging,
        IResourceBuilder<IResourceWithConnectionString> files,
        Func<IResourceBuilder<ProjectResource>, IResourceBuilder<ProjectResource>> withPublicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(withPublicBaseUrl);

        service = service
            .WithReference(messaging)
            .WithReference(files)
            .WithHttpHealthCheck("/health");
        if (messaging.Resource is IResourceWithWaitSupport)
        {
            service = service.WaitFor(messaging);
        }
        return withPublicBaseUrl(service);
    }
}
