using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ImagePipeline.AppHostSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// The real AppHost in local mode (a private RabbitMQ node, SQLite files, a files directory, all under a temporary
/// data directory), started through Aspire.Hosting.Testing in this process with the settings a benchmark needs; the
/// services are separate processes run by DCP, in the build configuration this process was built in.
/// </summary>
public sealed class SystemHost : IAsyncDisposable
{
    /// <summary>A fixed secret: the benchmark checks nothing with it, but every run signs the same way.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Service resources and the assembly each one runs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Assemblies = new Dictionary<string, string>
    {
        ["gateway"] = "ImagePipeline.Gateway",
        ["ingest"] = "ImagePipeline.Ingest",
        ["imageworker"] = "ImagePipeline.ImageWorker",
        ["export"] = "ImagePipeline.Export",
        ["notifier"] = "ImagePipeline.Notifier",
    };

    private readonly DistributedApplication _app;
    private readonly string _dataDirectory;

    private SystemHost(DistributedApplication app, string dataDirectory, ResourceTracker resources, int workerReplicas, Uri gateway)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Resources = resources;
        WorkerReplicas = workerReplicas;
        GatewayAddress = gateway;
    }

    public ResourceTracker Resources { get; }

    public int WorkerReplicas { get; }

    public Uri GatewayAddress { get; }

    /// <summary>The services this AppHost runs: all five, or four when <c>ImageWorker:Replicas</c> is 0.</summary>
    public IEnumerable<string> Services => ServicesOf(WorkerReplicas);

    /// <summary>
    /// Starts the AppHost with <paramref name="workerReplicas"/> image workers, the loopback <paramref name="allowedHosts"/>
    /// let through the system's destination guard, and any further <c>key=value</c> settings; waits until every
    /// service is healthy.
    /// </summary>
    public static async Task<SystemHost> StartAsync(int workerReplicas, IEnumerable<string> allowedHosts, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-system-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        string[] args =
        [
            .. LocalAppHost.Arguments(dataDirectory, SigningSecret),
            $"ImageWorker:Replicas={workerReplicas}",
            // one client uploading warm-ups and measured requests back to back; the limit has its own tests
            "Uploads:RateLimit:Burst=1000",
            "Uploads:RateLimit:PerMinute=1000",
            .. allowedHosts.Select((host, i) => $"Fetch:AllowedHosts:{i}={host}"),
            .. settings,
        ];
        DistributedApplication? app = null;
        ResourceTracker? resources = null;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
            LocalAppHost.WithoutTelemetryExport(builder);
            // stdout carries the Markdown; the AppHost's and the services' warnings go to stderr
            builder.Services.AddLogging(logging => logging
                .ClearProviders()
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(LogLevel.Warning)
                // the testing builder forwards every service's console at Information under "<AppHost>.Resources"
                .AddFilter("AppHost.Resources", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
                .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error)
                .AddFilter("Microsoft.Hosting", LogLevel.Error)
                .AddFilter("System.Net.Http", LogLevel.Error));
            app = await builder.BuildAsync();
            resources = new ResourceTracker(app.ResourceNotifications);
            await LocalAppHost.StartHealthyAsync(app, ServicesOf(workerReplicas), StartTimeout);
            // the gateway's endpoint has an address only once the AppHost runs
            return new SystemHost(app, dataDirectory, resources, workerReplicas, app.GetEndpoint("gateway", "http"));
        }
        catch
        {
            if (resources is not null)
            {
                await resources.DisposeAsync();
            }
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>A client of the gateway with its own connection pool, outside the AppHost's HTTP client pipeline.</summary>
    public HttpClient CreateGatewayClient(TimeSpan timeout) => CreateClient(GatewayAddress, timeout);

    /// <summary>
    /// A client of service <paramref name="name"/>'s own HTTP endpoint, past the gateway: what the service alone costs
    /// of an answer the gateway forwards.
    /// </summary>
    public HttpClient CreateServiceClient(string name, TimeSpan timeout) => CreateClient(_app.GetEndpoint(name, "http"), timeout);

    private static HttpClient CreateClient(Uri address, TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = address, Timeout = timeout };

    public async Task<string> MessagingConnectionStringAsync() =>
        await _app.GetConnectionStringAsync("messaging") ?? throw new InvalidOperationException("messaging has no connection string.");

    /// <summary>The broker's command-line tools, pointed at the private node.</summary>
    public RabbitMQControl RabbitMQ() => RabbitMQControl.For(Resources.Instances("messaging").Single().Snapshot);

    /// <summary>The OS process of every instance of service <paramref name="name"/> (the service, not its launcher).</summary>
    public IReadOnlyList<int> ServiceProcessIds(string name) =>
        [.. Resources.LauncherProcessIds(name).Select(launcher => ServiceProcesses.FindService(launcher, Assemblies[name]))];

    /// <summary>
    /// The build configuration the services run in, from the launchers' <c>--configuration</c>, and one service
    /// process's command line as evidence of which binaries run.
    /// </summary>
    public (string Configuration, string Example) Build()
    {
        var launchers = Services.SelectMany(Resources.LauncherProcessIds).ToArray();
        var configurations = launchers.Select(l => ServiceProcesses.Configuration(l) ?? "(none given)").Distinct().ToArray();
        var gateway = ServiceProcessIds("gateway").First();
        return (string.Join(", ", configurations), ServiceProcesses.CommandLine(gateway));
    }

    private static IEnumerable<string> ServicesOf(int workerReplicas) =>
        Assemblies.Keys.Where(name => name != "imageworker" || workerReplicas > 0);

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Resources.DisposeAsync();
        await _app.DisposeAsync();
        DeleteDirectory(_dataDirectory);
    }
}
