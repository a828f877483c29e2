using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.ObjectStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// The system spread over seven hosts of a <see cref="HostNetwork"/>, each service started with its own built DLL and
/// only remote addresses in its settings, as README "Running on several machines" tells a user: the control plane
/// (gateway, ingest, export, notifier; SQLite, so one host) on <c>control</c>, a three-node RabbitMQ cluster on
/// <c>broker1</c>, <c>broker2</c> and <c>broker3</c> (every service names all three; quorum queues, the services'
/// default), the S3 file store (Swift's s3api) on <c>store</c>, one image worker on each of <c>worker1</c> and
/// <c>worker2</c>. The test process, on the network's first address, is the client: it serves the slow images (the
/// origin) and receives the webhook there. Nothing listens anywhere else.
/// </summary>
public sealed partial class MultiHostSystem : IAsyncDisposable
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const int WorkerConcurrency = 4;
    public const string Heartbeat = "00:00:05";
    public const int GatewayPort = 8080;
    private const int IngestPort = 8081;
    private const int ExportPort = 8082;
    private const int NotifierPort = 8083;
    private const int WorkerPort = 8090;

    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] BrokerHosts = ["broker1", "broker2", "broker3"];

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("imagepipeline-multihost-").FullName;

    private MultiHostSystem(HostNetwork network) => Network = network;

    public HostNetwork Network { get; }

    public SlowImageServer Images { get; private set; } = null!;

    public RequestRecorder Webhooks { get; } = new();

    public LoopbackServer WebhookServer { get; private set; } = null!;

    public HostedRabbitMQCluster Broker { get; private set; } = null!;

    public HostedService Gateway { get; private set; } = null!;

    public IReadOnlyList<HostedService> Workers { get; private set; } = [];

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>How long each stage of the start took, for the test's output.</summary>
    public string StartTimes { get; private set; } = "";

    /// <summary>Where every service's log is written (kept after the test; the SQLite files beside them are not).</summary>
    public string LogDirectory => _directory;

    public static async Task<MultiHostSystem> StartAsync()
    {
        var network = HostNetwork.Create(["control", .. BrokerHosts, "store", "worker1", "worker2"]);
        var system = new MultiHostSystem(network);
        try
        {
            await system.RunAsync();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var client = Network.TestAddress;
        Images = await SlowImageServer.StartAsync([.. Enumerable.Range(1, 3).Select(seed => TestImages.Jpeg(640, 480, quality: 90, seed: seed))], client);
        _owned.Add(Images);
        WebhookServer = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
        {
            await Webhooks.RecordAsync(context);
            return Results.Ok();
        }), client);
        _owned.Add(WebhookServer);

        var storeTask = SwiftS3Server.StartAsync(new SwiftS3ServerOptions { BindAddress = Network["store"].Address.ToString(), LaunchPrefix = Network["store"].Exec });
        var brokerTask = HostedRabbitMQCluster.StartAsync([.. BrokerHosts.Select(name => Network[name])], _directory);
        var store = await Own(storeTask);
        var broker = Broker = await Own(brokerTask);
        var bucket = await store.CreateBucketAsync("pipeline");
        var infrastructureReady = clock.Elapsed;

        var control = Network["control"];
        var gatewayUrl = $"http://{control.Address}:{GatewayPort}";
        // what every service gets: the broker's and the object store's remote addresses, the store's keys, the public URL
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings:messaging"] = broker.ConnectionString,
            ["ConnectionStrings:files"] = store.ConnectionString(bucket),
            ["Files:AccessKey"] = store.AccessKey,
            ["Files:SecretKey"] = store.SecretKey,
            ["PublicBaseUrl"] = gatewayUrl,
            ["Messaging:Heartbeat"] = Heartbeat,
            // the project's own lines (a worker's ID among them), warnings and errors; no per-request noise
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ImagePipeline"] = "Information",
        };
        var database = Directory.CreateDirectory(Path.Combine(_directory, "db")).FullName;
        Dictionary<string, string> With(params (string Key, string Value)[] settings)
        {
            var all = new Dictionary<string, string>(common);
            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }
            return all;
        }
        string Url(int port) => $"http://{control.Address}:{port}";

        var ingest = Start(ServiceBinary.Ingest, "ingest", control, IngestPort, With(
            ("ConnectionStrings:ingestdb", $"Data Source={Path.Combine(database, "ingestdb.sqlite")}")));
        var export = Start(ServiceBinary.Export, "export", control, ExportPort, With(
            ("ConnectionStrings:exportdb", $"Data Source={Path.Combine(database, "exportdb.sqlite")}"),
            ("services:ingest:http:0", Url(IngestPort))));
        var notifier = Start(ServiceBinary.Notifier, "notifier", control, NotifierPort, With(
            ("ConnectionStrings:notifierdb", $"Data Source={Path.Combine(database, "notifierdb.sqlite")}"),
            ("Webhooks:SigningSecret", SigningSecret),
            ("Fetch:AllowedHosts:0", $"{client}:{WebhookServer.BaseUri.Port}")));
        Gateway = Start(ServiceBinary.Gateway, "gateway", control, GatewayPort, With(
            ("ConnectionStrings:gatewaydb", $"Data Source={Path.Combine(database, "gatewaydb.sqlite")}"),
            ("Webhooks:SigningSecret", SigningSecret),
            ("services:ingest:http:0", Url(IngestPort)),
            ("services:export:http:0", Url(ExportPort)),
            ("services:notifier:http:0", Url(NotifierPort))));
        Workers = [.. new[] { "worker1", "worker2" }.Select(name => Start(ServiceBinary.ImageWorker, name, Network[name], WorkerPort, With(
            ("ImageWorker:Concurrency", Text(WorkerConcurrency)),
            // an image held at the origin's gate must not time out while the test waits for every slot to hold one
            ("ImageWorker:DownloadTimeout", "00:03:00"),
            // as README "Running on several machines" tells a worker machine (the AppHost sets the same)
            ("MALLOC_ARENA_MAX", "2"),
            ("MALLOC_MMAP_MAX_", "0"),
            ("MALLOC_TRIM_THRESHOLD_", "4294967295"),
            ("Fetch:AllowedHosts:0", $"{client}:{Images.Server.BaseUri.Port}"))))];

        foreach (var service in new[] { ingest, export, notifier, Gateway }.Concat(Workers))
        {
            await service.WaitUntilHealthyAsync(HealthyTimeout);
        }
        Client.BaseAddress = Gateway.BaseUri;
        StartTimes = $"store and broker ready {infrastructureReady.TotalSeconds:F1} s, every service healthy {clock.Elapsed.TotalSeconds:F1} s";
    }

    private HostedService Start(ServiceBinary binary, string name, NetworkHost host, int port, IReadOnlyDictionary<string, string> settings)
    {
        var service = HostedService.Start(binary, name, host, port, settings, _directory);
        _owned.Add(service);
        return service;
    }

    private async Task<T> Own<T>(Task<T> starting) where T : IAsyncDisposable
    {
        var started = await starting;
        _owned.Add(started);
        return started;
    }

    /// <summary>The ID a worker reports its results under (<c>processedBy</c>), as it logs it at start.</summary>
    public static string WorkerIdOf(HostedService worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var match = WorkerIdPattern().Match(worker.Log());
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{worker.Name} logged no worker ID:\n{worker.LogTail()}");
    }

    /// <summary>Uploads a CSV of <paramref name="products"/> products × 3 images of run <paramref name="run"/>; those from <paramref name="gatedFrom"/> on wait at the origin's gate.</summary>
    public async Task<Guid> SubmitAsync(string run, int products, int gatedFrom = int.MaxValue)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var p = 0; p < products; p++)
        {
            var urls = Enumerable.Range(p * 3, 3).Select(i => Images.Url(run, i, gated: i >= gatedFrom));
            csv.Append(CultureInfo.InvariantCulture, $"{p + 1},Product {p + 1},\"{string.Join(',', urls)}\"\r\n");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/requests", UriKind.Relative))
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), "file", "products.csv" },
                { new StringContent(WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
            },
        };
        request.Headers.Add("Idempotency-Key", run);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    /// <summary>Polls the request's status until <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid requestId, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement? last = null;
        while (true)
        {
            try
            {
                var status = await Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{requestId}", UriKind.Relative), deadline.Token);
                last = status;
                if (condition(status))
                {
                    return status;
                }
                await Task.Delay(200, deadline.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                if (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"request {requestId} did not reach '{what}' within {timeout.TotalSeconds:0} s; last status: {last?.ToString() ?? "none"}");
                }
            }
        }
    }

    /// <summary>Every image row of the request, across its products.</summary>
    public async Task<JsonElement[]> ImageRowsAsync(Guid requestId) =>
        [.. (await Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{requestId}/products", UriKind.Relative))).EnumerateArray()
            .SelectMany(product => product.GetProperty("images").EnumerateArray())];

    public IReadOnlyList<RecordedRequest> WebhooksOf(Guid requestId) =>
        [.. Webhooks.Requests.Where(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("requestId").GetGuid() == requestId)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            // the workers and the control plane first, then what they used
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                try
                {
                    await _owned[i].DisposeAsync();
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
                {
                    // the network's teardown below ends whatever is left inside it
                }
            }
        }
        finally
        {
            Network.Dispose();
            // the logs stay for the reader; the databases go
            try
            {
                Directory.Delete(Path.Combine(_directory, "db"), recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"reports as (worker-[0-9a-f]+)")]
    private static partial Regex WorkerIdPattern();
}
