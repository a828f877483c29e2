using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// One AppHost in local mode (a private RabbitMQ node, SQLite, a files directory) shared by the fault tests, which
/// run one after another; each test restarts what it stopped, and <see cref="EnsureAllHealthyAsync"/> puts back
/// anything a failed test left down. Plus two loopback servers: slow images and a webhook receiver.
/// </summary>
public sealed class FaultsFixture : IAsyncLifetime
{
    /// <summary>A fixed secret so the tests can check signatures.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public const int WorkerReplicas = 2;
    public const int WorkerConcurrency = 4;

    public static readonly IReadOnlyList<string> Services = AppHostSession.AllServices;

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ImageLease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RequestLease = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ResourceTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(5);

    private readonly AppHostSession _appHost = AppHostSession.For<Projects.AppHost>("faults");

    public SlowImageServer Images { get; private set; } = null!;
    public LoopbackServer WebhookServer { get; private set; } = null!;
    public RequestRecorder Webhooks { get; } = new();
    public HttpClient Gateway => _appHost.Gateway;
    public ResourceTracker Resources => _appHost.Resources;
    public FileLoggerProvider Log { get; private set; } = null!;
    public DistributedApplication App => _appHost.App;
    public string FilesDirectory => Path.Combine(_appHost.DataDirectory, "files");

    /// <summary>The SQLite file of service database <paramref name="name"/> (e.g. <c>ingestdb</c>).</summary>
    public string DatabaseFile(string name) => Path.Combine(_appHost.DataDirectory, "db", $"{name}.sqlite");

    public async Task InitializeAsync()
    {
        if (RequiredInfrastructure.RabbitMQSkipReason() is not null)
        {
            return;
        }
        Directory.CreateDirectory(_appHost.DataDirectory);
        Log = new FileLoggerProvider(Path.Combine(Path.GetTempPath(), $"imagepipeline-faults-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));

        Images = await SlowImageServer.StartAsync(
            [.. Enumerable.Range(1, 3).Select(seed => TestImages.Jpeg(640, 480, quality: 90, seed: seed))]);
        WebhookServer = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
        {
            await Webhooks.RecordAsync(context);
            return Results.Ok();
        }));

        string[] arguments =
        [
            .. LocalAppHost.Arguments(_appHost.DataDirectory, SigningSecret),
            $"ImageWorker:Replicas={WorkerReplicas}",
            $"ImageWorker:Concurrency={WorkerConcurrency}",
            // gated images wait for the test; the default 20 s budget would turn that wait into a timeout failure
            "ImageWorker:DownloadTimeout=00:03:00",
            // leases short enough that the lost-message tests see the reconciler re-drive within a minute, long
            // enough that a download held at the gate in the other tests is not sent again while it waits
            $"Ingest:ImageLease={ImageLease:c}",
            $"Ingest:RequestLease={RequestLease:c}",
            "Ingest:SweepInterval=00:00:02",
            // every test image comes from one loopback host: a limit above the worker slots from the start leaves part
            // of each request's window waiting in the queue, as with real traffic from many hosts
            "Ingest:OriginConcurrencyInitial=16",
            $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
            $"Fetch:AllowedHosts:1=127.0.0.1:{WebhookServer.BaseUri.Port}",
            // a locked database fails a statement after 5 s instead of 30 s, so the storage outage test outlasts the
            // ordinary retries within a minute (StorageOutageTests)
            $"Storage:SqliteBusyTimeout={SqliteBusyTimeout}",
            // the error queues' depth is read every 30 s by default; ErrorQueueVisibilityTests waits for it
            "Messaging:ErrorQueuePollInterval=00:00:02",
        ];
        await _appHost.StartAsync(new AppHostOptions
        {
            Arguments = arguments,
            StartTimeout = StartTimeout,
            // to the file only: the console would bury the test results under every service's output
            Logging = logging => logging
                .ClearProviders()
                .AddProvider(Log)
                .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Warning)
                .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
                .AddFilter("Microsoft.Hosting", LogLevel.Warning)
                .AddFilter("System.Net.Http", LogLevel.Warning),
        });
    }

    /// <summary>
    /// Stops the whole AppHost the way Ctrl+C does (a graceful stop of the host: every resource is stopped, the broker
    /// included), then starts a new one with the same arguments and data directory and waits until all is healthy.
    /// Returns when the new AppHost began to start.
    /// </summary>
    public Task<DateTimeOffset> RestartAppAsync() => _appHost.RestartAsync();

    /// <summary>
    /// Every instance of the broker and of every service running and healthy; starts any a test left stopped. An
    /// instance a test left neither stopped nor healthy (seen once in CI: one stuck "Unknown" for every later test) is
    /// healed by restarting the whole AppHost once, so one broken test does not fail all that follow it; the one it
    /// broke has failed already.
    /// </summary>
    public async Task EnsureAllHealthyAsync()
    {
        try
        {
            await WaitAllHealthyAsync();
        }
        catch (TimeoutException stuck)
        {
            Log.CreateLogger(nameof(FaultsFixture)).LogWarning(stuck, "An instance stayed unhealthy; restarting the AppHost");
            await RestartAppAsync();
            await WaitAllHealthyAsync();
        }
    }

    private async Task WaitAllHealthyAsync()
    {
        foreach (var name in new[] { "messaging" }.Concat(Services))
        {
            foreach (var instance in Resources.Instances(name))
            {
                if (ResourceTracker.IsStopped(instance.Snapshot))
                {
                    await StartAsync(instance.ResourceId);
                }
                await Resources.WaitAsync(instance.ResourceId, ResourceTracker.IsRunningAndHealthy, ResourceTimeout, "healthy");
            }
        }
    }

    /// <summary>The single instance of <paramref name="name"/> (a resource without replicas).</summary>
    public string InstanceOf(string name) => Assert.Single(Resources.Instances(name)).ResourceId;

    /// <summary>Stops an instance with the AppHost's own command (the dashboard's Stop) and waits until it has stopped.</summary>
    public async Task StopAsync(string resourceId)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stopping {resourceId} failed: {result.Message}");
        await Resources.WaitAsync(resourceId, ResourceTracker.IsStopped, ResourceTimeout, "stopped");
    }

    /// <summary>Starts an instance with the AppHost's own command and waits until it runs again and its health check passes.</summary>
    public async Task StartAsync(string resourceId)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var asked = DateTime.UtcNow;
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"starting {resourceId} failed: {result.Message}");
        // a snapshot from before the stop must not count: the start time has to be this start's
        await Resources.WaitAsync(resourceId,
            s => ResourceTracker.IsRunningAndHealthy(s) && s.StartTimeStamp >= asked.AddSeconds(-1),
            ResourceTimeout, "running and healthy again");
    }

    /// <summary>The broker's command-line tools, pointed at the private node.</summary>
    public RabbitMQControl RabbitMQ() => RabbitMQControl.For(Resources.Latest(InstanceOf("messaging"))!.Snapshot);

    /// <summary>An HTTP client for a service's own endpoint (through the AppHost's proxy), for <c>/health</c>.</summary>
    public HttpClient ServiceClient(string name) => _appHost.CreateHttpClient(name, TimeSpan.FromSeconds(10));

    public async Task<string> MessagingConnectionStringAsync() =>
        await App.GetConnectionStringAsync("messaging") ?? throw new InvalidOperationException("messaging has no connection string.");

    public async Task DisposeAsync()
    {
        await _appHost.DisposeAsync();
        if (Images is not null)
        {
            await Images.DisposeAsync();
        }
        if (WebhookServer is not null)
        {
            await WebhookServer.DisposeAsync();
        }
        Log?.Dispose();
    }
}
