using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ImageMagick;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Webhooks;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// One request through the gateway (20 products × 3 images, served slowly by <see cref="SlowImageServer"/>), the waits a
/// fault test needs, and the checks every fault test ends with: nothing lost, nothing counted twice, every output file
/// whole, exactly one signed webhook.
/// </summary>
public sealed class PipelineRun
{
    public const int ProductCount = 20;
    public const int ImagesPerProduct = 3;
    public const int ImageCount = ProductCount * ImagesPerProduct;

    public static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FaultsFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _run;
    private readonly string[][] _urls;
    private readonly Stopwatch _clock;
    private readonly long _errorsBefore;

    private PipelineRun(FaultsFixture fixture, ITestOutputHelper output, string run, string[][] urls, Guid requestId, Stopwatch clock, long errorsBefore)
    {
        _errorsBefore = errorsBefore;
        _fixture = fixture;
        _output = output;
        _run = run;
        _urls = urls;
        RequestId = requestId;
        _clock = clock;
    }

    public Guid RequestId { get; }

    /// <summary>Uploads the CSV; images whose index <paramref name="gated"/> accepts wait at the image server's gate.</summary>
    public static async Task<PipelineRun> SubmitAsync(FaultsFixture fixture, ITestOutputHelper output, Func<int, bool>? gated = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var run = Guid.NewGuid().ToString("N")[..12];
        var urls = Enumerable.Range(0, ProductCount)
            .Select(p => Enumerable.Range(p * ImagesPerProduct, ImagesPerProduct)
                .Select(i => fixture.Images.Url(run, i, gated?.Invoke(i) ?? false)).ToArray())
            .ToArray();
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var p = 0; p < ProductCount; p++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p + 1},Product {p + 1},\"{string.Join(',', urls[p])}\"\r\n");
        }

        var errorsBefore = await ErrorQueueMessagesAsync(fixture);
        var clock = Stopwatch.StartNew();
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent(fixture.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
        };
        using var accepted = await fixture.Gateway.PostAsync(new Uri("/api/requests", UriKind.Relative), upload);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ImageCount, body.GetProperty("imageCount").GetInt32());
        var requestId = body.GetProperty("requestId").GetGuid();
        output.WriteLine($"request {requestId}: {ImageCount} images, run {run}; every service's log: {fixture.Log.Path}");
        return new PipelineRun(fixture, output, run, urls, requestId, clock, errorsBefore);
    }

    /// <summary>
    /// One attempt at uploading run <paramref name="run"/>'s CSV (no image gated) with an Idempotency-Key. The same run and
    /// key make the same upload, so a refused attempt is retried by calling this again. Returns the gateway's answer (the
    /// caller disposes it) and, once an attempt is accepted, the run; <paramref name="errorsBefore"/> is the depth of the
    /// _error queues to check against, counted while the broker was up.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, PipelineRun? Run)> TrySubmitAsync(
        FaultsFixture fixture, ITestOutputHelper output, string run, string idempotencyKey, long errorsBefore)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(output);
        var urls = Enumerable.Range(0, ProductCount)
            .Select(p => Enumerable.Range(p * ImagesPerProduct, ImagesPerProduct).Select(i => fixture.Images.Url(run, i, false)).ToArray())
            .ToArray();
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var p = 0; p < ProductCount; p++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p + 1},Product {p + 1},\"{string.Join(',', urls[p])}\"\r\n");
        }

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/requests", UriKind.Relative))
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), "file", "products.csv" },
                { new StringContent(fixture.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
            },
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await fixture.Gateway.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (response, null);
        }
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        output.WriteLine($"request {requestId}: {ImageCount} images, run {run}, Idempotency-Key {idempotencyKey}; every service's log: {fixture.Log.Path}");
        return (response, new PipelineRun(fixture, output, run, urls, requestId, clock, errorsBefore));
    }

    /// <summary>The request's status, or null while the gateway or Ingest cannot answer (one of them may be down on purpose).</summary>
    public async Task<JsonElement?> TryGetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _fixture.Gateway.GetAsync(new Uri($"/api/requests/{RequestId}", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Messages in all <c>_error</c> queues together, read with rabbitmqctl as an operator would.</summary>
    public static async Task<long> ErrorQueueMessagesAsync(FaultsFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        // the names from the broker's list, the counts exact (the list's counts of a quorum queue lag)
        var depths = await fixture.RabbitMQ().QueueDepthsAsync();
        return await ErrorQueue.DepthAsync(await fixture.MessagingConnectionStringAsync(),
            depths.Keys.Where(queue => queue.EndsWith("_error", StringComparison.Ordinal)));
    }

    public static int Done(JsonElement status)
    {
        var images = status.GetProperty("images");
        return images.GetProperty("succeeded").GetInt32() + images.GetProperty("failed").GetInt32();
    }

    public static string Status(JsonElement status) => status.GetProperty("status").GetString()!;

    public static bool IsFinal(JsonElement status) => Status(status) is "Completed" or "CompletedWithErrors" or "Failed";

    /// <summary>Polls the status until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement? last = null;
        while (true)
        {
            try
            {
                if (await TryGetStatusAsync(deadline.Token) is { } status)
                {
                    last = status;
                    if (condition(status))
                    {
                        return status;
                    }
                }
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"request {RequestId} did not reach '{what}' within {timeout.TotalSeconds:0} s; last status: {last?.ToString() ?? "none"}");
            }
        }
    }

    public Task<JsonElement> WaitForFinalStatusAsync() => WaitForStatusAsync(IsFinal, CompletionTimeout, "a final status");

    /// <summary>Waits until <paramref name="count"/> gated downloads are held at the gate, i.e. that many worker slots are busy with them.</summary>
    public static async Task WaitForHeldAsync(FaultsFixture fixture, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        using var deadline = new CancellationTokenSource(timeout);
        while (fixture.Images.Held < count)
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"only {fixture.Images.Held} of {count} gated downloads were held after {timeout.TotalSeconds:0} s");
            }
        }
    }

    public int DownloadsSoFar() => Enumerable.Range(0, ImageCount).Sum(i => _fixture.Images.DownloadsOf(_run, i));

    /// <summary>The webhooks received for this request so far.</summary>
    public IReadOnlyList<RecordedRequest> Webhooks() =>
        [.. _fixture.Webhooks.Requests.Where(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("requestId").GetGuid() == RequestId)];

    /// <summary>Waits for the request to finish, then checks everything a fault must not break.</summary>
    public async Task<FaultOutcome> CompleteAndVerifyAsync(int expectedFailed = 0)
    {
        var status = await WaitForFinalStatusAsync();
        var elapsed = _clock.Elapsed;

        // counters: every image has a result, and the counters agree with the per-image results
        var counts = status.GetProperty("images");
        int total = counts.GetProperty("total").GetInt32(), succeeded = counts.GetProperty("succeeded").GetInt32(),
            failed = counts.GetProperty("failed").GetInt32(), pending = counts.GetProperty("pending").GetInt32();
        Assert.Equal(expectedFailed == 0 ? "Completed" : "CompletedWithErrors", Status(status));
        Assert.Equal(ImageCount, total);
        Assert.Equal(total, succeeded + failed);
        Assert.Equal(0, pending);
        Assert.Equal(expectedFailed, failed);

        var products = (await _fixture.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{RequestId}/products", UriKind.Relative)))
            .EnumerateArray().ToArray();
        Assert.Equal(ProductCount, products.Length);
        var images = products.SelectMany(p => p.GetProperty("images").EnumerateArray()).ToArray();
        Assert.Equal(ImageCount, images.Length);
        Assert.Equal(ImageCount, images.Select(i => i.GetProperty("imageId").GetGuid()).Distinct().Count());
        Assert.Equal(_urls.SelectMany(u => u), images.Select(i => i.GetProperty("inputUrl").GetString()));
        var withResult = images.Count(i => i.GetProperty("status").GetString() is "Succeeded" or "Failed");
        var lost = ImageCount - withResult;
        var countedTwice = Math.Max(0, succeeded + failed - withResult);
        Assert.Equal(0, lost);
        Assert.Equal(0, countedTwice);
        Assert.Equal(succeeded, images.Count(i => i.GetProperty("status").GetString() == "Succeeded"));
        Assert.Equal(failed, images.Count(i => i.GetProperty("status").GetString() == "Failed"));

        await VerifyOutputCsvAsync(products);
        foreach (var image in images.Where(i => i.GetProperty("status").GetString() == "Succeeded"))
        {
            await VerifyOutputFileAsync(image);
        }
        var webhooks = await VerifySingleWebhookAsync(Status(status));
        // retries absorbed the fault: no message of this request gave up and went to an _error queue. A quorum queue
        // on a node just restarted reports no messages until it has recovered, so an earlier test's message may read
        // as gone for a moment: count again until the figure settles (more than before fails at once)
        var errors = await ErrorQueueMessagesAsync(_fixture);
        for (var tries = 0; errors < _errorsBefore && tries < 30; tries++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            errors = await ErrorQueueMessagesAsync(_fixture);
        }
        Assert.Equal(_errorsBefore, errors);

        var outcome = new FaultOutcome(Status(status), total, succeeded, failed, lost, countedTwice,
            DownloadsSoFar() - ImageCount, webhooks, elapsed);
        _output.WriteLine(outcome.ToString());
        return outcome;
    }

    private async Task VerifyOutputCsvAsync(JsonElement[] products)
    {
        using var response = await _fixture.Gateway.GetAsync(new Uri($"/api/requests/{RequestId}/output.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = CsvReader.Create(await response.Content.ReadAsByteArrayAsync(), new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        Assert.Equal(["S. No.", "Product Name", "Input Image Urls", "Output Image Urls"], rows[0]);
        Assert.Equal(ProductCount + 1, rows.Count);
        foreach (var (row, product) in rows.Skip(1).Zip(products))
        {
            var listed = product.GetProperty("images").EnumerateArray().ToArray();
            Assert.Equal(string.Join(',', listed.Select(i => i.GetProperty("inputUrl").GetString())), row[2]);
            Assert.Equal(string.Join(',', listed.Select(i => i.GetProperty("outputUrl").ValueKind == JsonValueKind.String ? i.GetProperty("outputUrl").GetString() : "")), row[3]);
        }
    }

    /// <summary>The file behind an output URL downloads whole: as long as its Content-Length and the recorded size, and it decodes.</summary>
    private async Task VerifyOutputFileAsync(JsonElement image)
    {
        var outputUrl = image.GetProperty("outputUrl").GetString()!;
        using var response = await _fixture.Gateway.GetAsync(new Uri(new Uri(outputUrl).PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(image.GetProperty("bytesOut").GetInt64(), bytes.Length);
        // a JPEG cut short has no end-of-image marker, though decoders would still show it (grey at the bottom)
        Assert.True(bytes.Length > 4 && bytes[^2] == 0xFF && bytes[^1] == 0xD9, $"{outputUrl} does not end with the JPEG end-of-image marker");
        using var decoded = new MagickImage(bytes);
        Assert.Equal(image.GetProperty("width").GetInt32(), (int)decoded.Width);
        Assert.Equal(image.GetProperty("height").GetInt32(), (int)decoded.Height);
    }

    private async Task<int> VerifySingleWebhookAsync(string finalStatus)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Webhooks().Count == 0)
        {
            await Task.Delay(100, deadline.Token);
        }
        // a second copy would come right behind the first; give it the chance to show up
        await Task.Delay(TimeSpan.FromSeconds(3));
        var webhook = Assert.Single(Webhooks());
        Assert.True(StandardWebhookSignature.IsValid(FaultsFixture.SigningSecret, webhook.Header("webhook-id"), webhook.Header("webhook-timestamp"),
            webhook.Header("webhook-signature"), webhook.Body), "the webhook signature does not verify");
        using var payload = JsonDocument.Parse(webhook.Body);
        Assert.Equal("request.completed", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(finalStatus, payload.RootElement.GetProperty("data").GetProperty("status").GetString());
        return 1;
    }
}
