using System.Collections.Concurrent;
using ImagePipeline.TestSupport.Hostile;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The whole system through its AppHost in local mode (a private RabbitMQ node, SQLite, a files directory), plus
/// loopback servers the test owns: one serves images, one receives webhooks, and one serves the hostile corpus.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    /// <summary>A fixed secret so the test can check signatures; real runs generate one.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    // pulling the RabbitMQ and MongoDB images on a fresh runner is most of this
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _images = new();
    private readonly AppHostSession _appHost = AppHostSession.For<Projects.AppHost>("e2e");

    public RequestRecorder ImageRequests { get; } = new();
    public RequestRecorder WebhookRequests { get; } = new();
    public LoopbackServer ImageServer { get; private set; } = null!;
    public LoopbackServer WebhookServer { get; private set; } = null!;

    /// <summary>An origin that sends validators and answers conditional requests (ReuseTests).</summary>
    public ConditionalOrigin Conditional { get; private set; } = null!;

    /// <summary>The hostile-input corpus, at the defaults of ImageWorker:DownloadRetries and MaxRedirects (the AppHost sets neither).</summary>
    public HostileCorpus Hostile { get; private set; } = null!;

    public HttpClient Gateway => _appHost.Gateway;
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The production shape (containers) wherever a container runtime answers, local infrastructure elsewhere.</summary>
    public static string Mode { get; } = ContainerRuntimeProbe.IsAvailable ? "containers" : "local";

    /// <summary>Images whose name starts with this are answered after 300 ms.</summary>
    public const string SlowPrefix = "slow-";

    /// <summary>How long this run keeps a finished request (Retention:Days): short, so the sweep can be watched.</summary>
    public const double RetentionDays = 0.001;

    /// <summary>The file store's directory in local mode (in containers mode files are in GridFS).</summary>
    public string FilesDirectory => Path.Combine(_appHost.DataDirectory, "files");

    public void Serve(string name, byte[] bytes, string contentType) => _images[name] = (bytes, contentType);

    /// <summary>The environment entry that marks this run's services, so their processes can be told from another run's.</summary>
    public string ServiceEnvironmentMarker => $"Fetch__AllowedHosts__2={Hostile.AllowedHost}";

    public async Task InitializeAsync()
    {
        if (RequiredInfrastructure.AppHostSkipReason() is not null)
        {
            return;
        }

        ImageServer = await LoopbackServer.StartAsync(app => app.MapGet("/images/{name}", async (string name, HttpContext context) =>
        {
            await ImageRequests.RecordAsync(context);
            if (name.StartsWith(SlowPrefix, StringComparison.Ordinal))
            {
                // long enough that a request of them is still running when a test acts on it (cancel)
                await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
            }
            if (!_images.TryGetValue(name, out var image))
            {
                return Results.NotFound();
            }
            return Results.Bytes(image.Bytes, image.ContentType);
        }));
        WebhookServer = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
        {
            await WebhookRequests.RecordAsync(context);
            return Results.Ok();
        }));
        Hostile = HostileCorpus.Start();
        Conditional = await ConditionalOrigin.StartAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        string[] args =
        [
            $"Infrastructure:Mode={Mode}",
            $"Infrastructure:DataDirectory={_appHost.DataDirectory}",
            $"Parameters:webhook-signing-secret={SigningSecret}",
            "ImageWorker:Replicas=2",
            // containers mode: a throwaway MongoDB, never the developer's volume
            "Infrastructure:MongoDB:DataVolume=false",
            // the system refuses loopback destinations; these test servers are the exceptions
            $"Fetch:AllowedHosts:0=127.0.0.1:{ImageServer.BaseUri.Port}",
            $"Fetch:AllowedHosts:1=127.0.0.1:{WebhookServer.BaseUri.Port}",
            $"Fetch:AllowedHosts:2={Hostile.AllowedHost}",
            $"Fetch:AllowedHosts:3=127.0.0.1:{Conditional.Server.BaseUri.Port}",
            // a machine loaded by other work (seen in a run at load 113) can take over 10 s to confirm a publish; the
            // broker outage this limit is for has its own tests (Faults)
            "Uploads:PublishTimeout=00:01:00",
            // the suite uploads more than the default burst of 10 from one address; the limit has its own tests
            "Uploads:RateLimit:Burst=100",
            // progress events of a request of a few seconds; the default 10 s would send one
            "Webhooks:ProgressInterval=00:00:01",
            // retention after 86.4 s, looked for every 2 s: RetentionTests watches a request purged by itself, and no
            // other test reads a request that long after it finished
            $"Retention:Days={RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "Retention:SweepInterval=00:00:02",
        ];
        if (Mode == "local")
        {
            // local mode asks for no container; do not wait for a runtime that is not there
            args = [.. args, "DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00"];
        }
        await _appHost.StartAsync(new AppHostOptions
        {
            Arguments = args,
            StartTimeout = StartTimeout,
            // as this suite has always run: services export telemetry, the gateway client keeps its default timeout
            ExportTelemetry = true,
            GatewayTimeout = null,
        });
        StartupTime = started.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await _appHost.DisposeAsync();
        if (ImageServer is not null)
        {
            await ImageServer.DisposeAsync();
        }
        if (WebhookServer is not null)
        {
            await WebhookServer.DisposeAsync();
        }
        if (Hostile is not null)
        {
            await Hostile.DisposeAsync();
        }
        if (Conditional is not null)
        {
            await Conditional.DisposeAsync();
        }
    }
}
