using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.AppHostSupport;

/// <summary>
/// The real AppHost run by a test fixture under Aspire.Hosting.Testing: built from its project with the fixture's
/// arguments, started until the broker and every service are healthy, and disposed with the gateway client and the
/// data directory it owns. The directory outlives a <see cref="RestartAsync"/>, so a restarted AppHost finds its state.
/// </summary>
public sealed class AppHostSession : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> AllServices = ["ingest", "imageworker", "export", "notifier", "gateway"];

    private readonly Type _entryPoint;
    private AppHostOptions? _options;
    private DistributedApplication? _app;
    private ResourceTracker? _resources;
    private HttpClient? _gateway;

    private AppHostSession(Type entryPoint, string dataDirectory)
    {
        _entryPoint = entryPoint;
        DataDirectory = dataDirectory;
    }

    /// <summary>
    /// A session of the AppHost <typeparamref name="TEntryPoint"/> (its generated <c>Projects.*</c> type) that owns a new
    /// data directory, <c>imagepipeline-<paramref name="name"/>-*</c> under the temp path (not created until needed).
    /// </summary>
    public static AppHostSession For<TEntryPoint>(string name) where TEntryPoint : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(typeof(TEntryPoint), Path.Combine(Path.GetTempPath(), $"imagepipeline-{name}-{Guid.NewGuid():N}"));
    }

    public string DataDirectory { get; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost did not start.");

    /// <summary>Every resource instance's latest snapshot, watched from before the start.</summary>
    public ResourceTracker Resources => _resources ?? throw new InvalidOperationException("The AppHost did not start.");

    /// <summary>The gateway's http endpoint, with <see cref="AppHostOptions.GatewayTimeout"/>; replaced on a restart.</summary>
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The AppHost did not start.");

    /// <summary>The logging of a start without the news every start makes: health probes answering "not yet", DCP's chatter.</summary>
    public static void QuietStartup(ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
        .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);

    /// <summary>Builds and starts the AppHost and waits until the broker and every service is healthy, all within <see cref="AppHostOptions.StartTimeout"/>.</summary>
    public async Task StartAsync(AppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_app is not null)
        {
            throw new InvalidOperationException("The AppHost is running already.");
        }
        _options = options;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(_entryPoint, [.. options.Arguments]);
        if (!options.ExportTelemetry)
        {
            LocalAppHost.WithoutTelemetryExport(builder);
        }
        builder.Services.AddLogging(options.Logging ?? QuietStartup);
        _app = await builder.BuildAsync();
        _resources = new ResourceTracker(_app.ResourceNotifications);
        await LocalAppHost.StartHealthyAsync(_app, options.Services, options.StartTimeout);
        _gateway = CreateHttpClient("gateway", options.GatewayTimeout);
    }

    /// <summary>
    /// Stops the AppHost the way Ctrl+C does (a graceful stop: every resource, the broker included) within the start
    /// timeout, then starts a new one with the same options and data directory. Returns when the new one began to start.
    /// </summary>
    public async Task<DateTimeOffset> RestartAsync()
    {
        var options = _options ?? throw new InvalidOperationException("The AppHost did not start.");
        using (var stop = new CancellationTokenSource(options.StartTimeout))
        {
            await App.StopAsync(stop.Token);
        }
        await ReleaseAsync();
        var startedAt = DateTimeOffset.UtcNow;
        await StartAsync(options);
        return startedAt;
    }

    /// <summary>An HTTP client for <paramref name="resource"/>'s http endpoint (through the AppHost's proxy); the caller disposes it.</summary>
    public HttpClient CreateHttpClient(string resource, TimeSpan? timeout = null)
    {
        var client = App.CreateHttpClient(resource, "http");
        if (timeout is { } bound)
        {
            client.Timeout = bound;
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        finally
        {
            // a leftover temp directory must not hide a failure that happened above
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            if (_resources is not null)
            {
                await _resources.DisposeAsync();
            }
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
        finally
        {
            _gateway?.Dispose();
            _resources = null;
            _app = null;
            _gateway = null;
        }
    }
}
