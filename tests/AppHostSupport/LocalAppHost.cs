using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ImagePipeline.AppHostSupport;

/// <summary>
/// Running the real AppHost in local mode under Aspire.Hosting.Testing, as the fault tests and the system benchmarks
/// both do: the arguments every such run needs, no telemetry export, and a start that waits until all is healthy.
/// </summary>
public static class LocalAppHost
{
    /// <summary>
    /// Local mode with all state under <paramref name="dataDirectory"/>, a fixed webhook signing secret, and the
    /// gateway on a free port; the caller appends its own settings.
    /// </summary>
    public static string[] Arguments(string dataDirectory, string signingSecret) =>
    [
        "Infrastructure:Mode=local",
        $"Infrastructure:DataDirectory={dataDirectory}",
        // local mode asks for no container; do not wait for a runtime that is not there
        "DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
        $"Parameters:webhook-signing-secret={signingSecret}",
        // never the default 8080: a developer's AppHost or another suite may hold it
        $"Gateway:Port={FreePort()}",
    ];

    /// <summary>
    /// Takes the OTLP endpoint away from every service. The testing builder runs no dashboard yet points every
    /// service's exporter at localhost:4317: they spend CPU retrying it, and on a graceful stop retry the flush for
    /// 10+ s, longer than the AppHost waits for a process to stop, so stopping a service would fail.
    /// </summary>
    public static void WithoutTelemetryExport(IDistributedApplicationTestingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
        }
    }

    /// <summary>Starts <paramref name="app"/> and waits until the broker and every one of <paramref name="services"/> is healthy, all within <paramref name="timeout"/>.</summary>
    public static async Task StartHealthyAsync(DistributedApplication app, IEnumerable<string> services, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        using var deadline = new CancellationTokenSource(timeout);
        await app.StartAsync(deadline.Token);
        foreach (var resource in new[] { "messaging" }.Concat(services))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, deadline.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
