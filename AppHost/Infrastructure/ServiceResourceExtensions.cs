using Microsoft.Extensions.Configuration;

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
            .WithHttpHealthCheck("/health")
            .WithForwardedSettings();
        if (messaging.Resource is IResourceWithWaitSupport)
        {
            service = service.WaitFor(messaging);
        }
        return withPublicBaseUrl(service);
    }

    /// <summary>Service setting sections the AppHost passes on, so one place (its command line, environment or appsettings) sets them all.</summary>
    public static readonly IReadOnlyList<string> ForwardedSections = ["Csv", "Uploads", "Messaging", "ImageWorker", "Export", "Webhooks"];

    /// <summary>
    /// Copies the AppHost's settings under <see cref="ForwardedSections"/> into the service's environment
    /// (e.g. <c>--Csv:MaxBytes=1000000</c> given to the AppHost reaches every service as <c>Csv__MaxBytes</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithForwardedSettings(this IResourceBuilder<ProjectResource> service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var configuration = service.ApplicationBuilder.Configuration;
        foreach (var section in ForwardedSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                // the signing secret travels as a parameter, never as plain configuration
                if (value is not null && key != "Webhooks:SigningSecret")
                {
                    service = service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }
        return service;
    }
}
