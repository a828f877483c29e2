using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ImagePipeline.AppHostSupport;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>
/// The whole system (the real AppHost in local mode) on a three-node RabbitMQ cluster, named to every service by
/// <c>ConnectionStrings:messaging</c>, with slow loopback images and a webhook receiver; and one request through it.
/// </summary>
public sealed class ClusterSystem : IAsyncDisposable
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const int ProductCount = 20;
    public const int ImagesPerProduct = 3;
    public const int ImageCount = ProductCount * ImagesPerProduct;

    private static readonly string[] Services = ["ingest", "imageworker", "export", "notifier", "gateway"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SubmitRetryTimeout = TimeSpan.FromMinutes(2);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-multihost-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    private ClusterSystem(RabbitMQCluster broker, SlowImageServer images, LoopbackServer webhookServer, RequestRecorder webhooks)
    {
        Broker = broker;
        Images = images;
        WebhookServer = webhookServer;
        Webhooks = webhooks;
    }

    public RabbitMQCluster Broker { get; }
    public SlowImageServer Images { get; }
    public LoopbackServer WebhookServer { get; }
    public RequestRecorder Webhooks { get; }
    public HttpClient Gateway { get; private set; } = null!;

    public static async Task<ClusterSystem> StartAsync(int brokerNodes)
    {
        var broker = await RabbitMQCluster.StartAsync(brokerNodes);
        SlowImageServer? images = null;
        LoopbackServer? webhookServer = null;
        ClusterSystem? system = null;
        try
        {
            images = await SlowImageServer.StartAsync([.. Enumerable.Range(1, 3).Select(seed => TestImages.Jpeg(640, 480, quality: 90, seed: seed))]);
            var webhooks = new RequestRecorder();
            webhookServer = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
            {
                await webhooks.RecordAsync(context);
                return Results.Ok();
            }));
            system = new ClusterSystem(broker, images, webhookServer, webhooks);
            await system.StartAppAsync();
            return system;
        }
        catch
        {
            if (system is not null)
            {
                await system.DisposeAsync();
            }
            else
            {
                await broker.DisposeAsync();
                if (images is not null)
                {
                    await images.DisposeAsync();
                }
                if (webhookServer is not null)
                {
                    await webhookServer.DisposeAsync();
                }
            }
            throw;
        }
    }

    private async Task StartAppAsync()
    {
        string[] arguments =
        [
            .. LocalAppHost.Arguments(_dataDirectory, SigningSecret),
            // every service on the cluster, no local node
            $"ConnectionStrings:messaging={Broker.ConnectionString}",
            "ImageWorker:Replicas=2",
            "ImageWorker:Concurrency=4",
            "Fetch:MaxConnectionsPerHost=16",
            $"Fetch:AllowedHosts:0=127.0.0.1:{Images.Server.BaseUri.Port}",
            $"Fetch:AllowedHosts:1=127.0.0.1:{WebhookServer.BaseUri.Port}",
            "Messaging:ErrorQueuePollInterval=00:00:02",
            // as in the fault tests: an image whose message the failover stranded is sent again within a minute, not
            // after the default 10 min lease (a run here stalled at 59/60 without it; docs/reliability.md)
            "Ingest:ImageLease=00:00:30",
            "Ingest:RequestLease=00:00:10",
            "Ingest:SweepInterval=00:00:02",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments);
        LocalAppHost.WithoutTelemetryExport(builder);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _app = await builder.BuildAsync();
        using var deadline = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(deadline.Token);
        // the AppHost runs no broker here: only the services have a health to wait for
        foreach (var service in Services)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, deadline.Token);
        }
        Gateway = _app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>Uploads a CSV of <see cref="ProductCount"/> products × <see cref="ImagesPerProduct"/> images of run <paramref name="run"/>; returns the request's ID.</summary>
    public async Task<Guid> SubmitAsync(string run)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var p = 0; p < ProductCount; p++)
        {
            var urls = Enumerable.Range(p * ImagesPerProduct, ImagesPerProduct).Select(i => Images.Url(run, i, gated: false));
            csv.Append(CultureInfo.InvariantCulture, $"{p + 1},Product {p + 1},\"{string.Join(',', urls)}\"\r\n");
        }
        // the gateway answers 503 while it cannot reach the broker in time (a loaded machine): the same upload again, as a client would
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/requests", UriKind.Relative))
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), "file", "products.csv" },
                    { new StringContent(WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
                },
            };
            request.Headers.Add("Idempotency-Key", run);
            using var response = await Gateway.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || clock.Elapsed > SubmitRetryTimeout)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Polls the request's status until <paramref name="condition"/> holds; the gateway may fail a poll while the bus fails over.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid requestId, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement? last = null;
        while (true)
        {
            try
            {
                using var response = await Gateway.GetAsync(new Uri($"/api/requests/{requestId}", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    var status = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
                    last = status;
                    if (condition(status))
                    {
                        return status;
                    }
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

    public async Task<JsonElement[]> ProductsAsync(Guid requestId) =>
        [.. (await Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{requestId}/products", UriKind.Relative))).EnumerateArray()];

    /// <summary>The webhooks received for <paramref name="requestId"/>.</summary>
    public IReadOnlyList<RecordedRequest> WebhooksOf(Guid requestId) =>
        [.. Webhooks.Requests.Where(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("requestId").GetGuid() == requestId)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            Gateway?.Dispose();
        }
        finally
        {
            try
            {
                await Images.DisposeAsync();
                await WebhookServer.DisposeAsync();
            }
            finally
            {
                await Broker.DisposeAsync();
                try
                {
                    Directory.Delete(_dataDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
