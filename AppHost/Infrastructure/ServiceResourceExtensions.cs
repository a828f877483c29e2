using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>What every pipeline service gets from the AppHost.</summary>
public static class ServiceResourceExtensions
{
    /// <summary>
    /// The bus and the file store (each waited for when the AppHost runs it), the public base URL clients see, and a
    /// health check the AppHost and the tests wait on.
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
            .WithDependency(messaging)
            .WithDependency(files)
            .WithFileStoreCredentials()
            .WithHttpHealthCheck("/health")
            .WithForwardedSettings();
        if (messaging.Resource is LocalRabbitMQ.LocalRabbitMQServerResource broker)
        {
            service = service.WithEnvironment(context =>
            {
                // the local node's queues are classic from an earlier version: a quorum declare would be refused. Its
                // directory says so, read at start: a published model runs no local node
                if (context.ExecutionContext.IsRunMode && !broker.QuorumQueues)
                {
                    context.EnvironmentVariables["Messaging__QuorumQueues"] = "false";
                }
            });
        }
        return withPublicBaseUrl(service);
    }

    /// <summary>
    /// References <paramref name="dependency"/> and, when the AppHost runs it (a container, a process, or a database
    /// inside one), waits until it is healthy. A connection string the AppHost was given, or a SQLite file, names
    /// nothing the AppHost runs: there is nothing to wait for.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> dependency)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(dependency);

        service = service.WithReference(dependency);
        return IsRunByAppHost(dependency.Resource) ? service.WaitFor(dependency) : service;
    }

    /// <summary>Whether the AppHost starts <paramref name="resource"/> (or the server it lives in), so it has a health to wait for.</summary>
    public static bool IsRunByAppHost(IResource resource) =>
        resource is ContainerResource or ExecutableResource or ProjectResource
        || (resource is IResourceWithParent child && IsRunByAppHost(child.Parent));

    /// <summary>
    /// Service setting sections the AppHost passes on, so one place (its command line, environment or appsettings) sets
    /// them all. Not <c>Access</c>: the API keys are secrets for the gateway alone (<see cref="ApiKeyParameters"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> ForwardedSections = ["Csv", "Uploads", "Messaging", "Storage", "Files", "Ingest", "ImageWorker", "Export", "Webhooks", "Fetch", "Retention"];

    /// <summary>Secrets that travel as parameters, never as plain configuration (see <see cref="FileStoreCredentialParameters"/>).</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase) { "Webhooks:SigningSecret", "Files:AccessKey", "Files:SecretKey" };

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
                if (value is not null && !SecretKeys.Contains(key))
                {
                    service = service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }
        return service;
    }
}
