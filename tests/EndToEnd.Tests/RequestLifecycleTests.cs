using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>List, cancel, retry the failed and failed.csv, through the gateway of the whole system.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RequestLifecycleTests(PipelineFixture pipeline, ITestOutputHelper output)
{
    // 2 replicas × ImageWorker:Concurrency 4: what can be under way when a cancel lands
    private const int WorkerSlots = 8;

    [RequiresAppHostFact]
    public async Task The_list_pages_newest_first_across_three_requests()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PipelineApi.UploadAsync(pipeline.Gateway, PipelineApi.Csv([(1, $"List {i}", [Url($"list-{Guid.NewGuid():N}.jpg")])])));
            // listed once Ingest has read its CSV; in order, so the three are recorded oldest first
            await WaitAsync(ids[^1], s => s.GetProperty("status").GetString() != "Accepted", "recorded by Ingest");
        }

        var first = await pipeline.Gateway.GetFromJsonAsync<JsonElement>("/api/requests?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        using var badLimit = await pipeline.Gateway.GetAsync("/api/requests?limit=0");

        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()));
        Assert.Equal(ids[0], second.GetProperty("items")[0].GetProperty("requestId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [RequiresAppHostFact]
    public async Task Cancel_mid_request_starts_no_more_images_writes_what_was_done_and_sends_one_cancelled_event()
    {
        const int Images = 200;
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, Images).Select(i => $"{PipelineFixture.SlowPrefix}{run}-{i}.jpg").ToList();
        var jpeg = TestImages.Jpeg(64, 48, quality: 90, seed: 3);
        names.ForEach(name => pipeline.Serve(name, jpeg, "image/jpeg"));
        var requestId = await UploadWithWebhookAsync(PipelineApi.Csv(names.Select((name, i) => (i + 1, $"Cancel {i}", (IReadOnlyList<string>)[Url(name)]))));
        await WaitAsync(requestId, s => s.GetProperty("images").GetProperty("succeeded").GetInt32() > 0, "a first image done");

        using var cancel = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}");
        var downloadsAtCancel = Downloads(run);
        using var again = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}");
        var final = await WaitAsync(requestId, s => s.GetProperty("status").GetString() == "Cancelled", "Cancelled");
        using var afterwards = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}");

        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, $"cancel: {(int)cancel.StatusCode} {await cancel.Content.ReadAsStringAsync()}");
        // a repeat is safe: 202 while the cancel is carried out, 409 if the request has already ended Cancelled
        var repeated = await again.Content.ReadAsStringAsync();
        Assert.True(again.StatusCode == HttpStatusCode.Accepted || (again.StatusCode == HttpStatusCode.Conflict && repeated.Contains("is Cancelled", StringComparison.Ordinal)),
            $"repeat: {(int)again.StatusCode} {repeated}");
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
        var succeeded = final.GetProperty("images").GetProperty("succeeded").GetInt32();
        output.WriteLine($"cancelled with {succeeded} of {Images} done; downloads at the cancel {downloadsAtCancel}, in all {Downloads(run)}");
        // only what the workers had already started finishes: at most one per slot after the cancel
        Assert.InRange(Downloads(run) - downloadsAtCancel, 0, WorkerSlots);
        Assert.InRange(succeeded, 1, Images / 2);
        var rows = await PipelineApi.OutputCsvAsync(pipeline.Gateway, requestId);
        Assert.Equal(Images + 1, rows.Count);
        Assert.Equal(succeeded, rows.Skip(1).Count(r => r[3].Length > 0));
        var events = await WebhooksOfAsync(requestId, count: 1);
        Assert.Equal(["request.cancelled"], events.Select(e => e.GetProperty("type").GetString()));

        var finished = await PipelineApi.UploadAsync(pipeline.Gateway, PipelineApi.Csv([(1, "Done", [Url("missing-for-cancel.jpg")])]));
        await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, finished);
        using var tooLate = await pipeline.Gateway.DeleteAsync($"/api/requests/{finished}");
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
    }

    [RequiresAppHostFact]
    public async Task Retry_refetches_only_the_failed_images_rebuilds_the_csv_and_sends_a_second_completion()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var good = $"good-{run}.jpg";
        var late = $"late-{run}.jpg";
        var jpeg = TestImages.Jpeg(320, 240, quality: 90, seed: 5);
        pipeline.Serve(good, jpeg, "image/jpeg");
        var requestId = await UploadWithWebhookAsync(PipelineApi.Csv([(1, "Good", [Url(good)]), (2, "Late", [Url(late)])]));
        var first = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        Assert.Equal("CompletedWithErrors", first.GetProperty("status").GetString());

        var failed = await pipeline.Gateway.GetStringAsync($"/api/requests/{requestId}/failed.csv");
        pipeline.Serve(late, jpeg, "image/jpeg");
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{requestId}/retry?reasons=http_404");
        retry.Headers.Add("Idempotency-Key", $"retry-{run}");
        using var retried = await pipeline.Gateway.SendAsync(retry);
        var second = await WaitAsync(requestId, s => s.GetProperty("status").GetString() == "Completed", "Completed after the retry");
        using var repeat = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{requestId}/retry");
        repeat.Headers.Add("Idempotency-Key", $"retry-{run}-2");
        using var nothingLeft = await pipeline.Gateway.SendAsync(repeat);

        output.WriteLine(failed);
        Assert.Equal(["S. No.,Product Name,Input Image Urls,Reason", $"2,Late,{Url(late)},{Url(late)}: http_404"],
            failed.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);
        Assert.Equal((2, 0), (second.GetProperty("images").GetProperty("succeeded").GetInt32(), second.GetProperty("images").GetProperty("failed").GetInt32()));
        Assert.Equal(1, pipeline.ImageRequests.Requests.Count(r => r.Path.EndsWith(good, StringComparison.Ordinal)));
        Assert.Equal(2, pipeline.ImageRequests.Requests.Count(r => r.Path.EndsWith(late, StringComparison.Ordinal)));
        var rows = await PipelineApi.OutputCsvAsync(pipeline.Gateway, requestId);
        Assert.All(rows.Skip(1), r => Assert.StartsWith("http", r[3], StringComparison.Ordinal));
        var events = await WebhooksOfAsync(requestId, count: 2);
        Assert.Equal([("CompletedWithErrors", 1), ("Completed", 2)],
            events.Select(e => (e.GetProperty("data").GetProperty("status").GetString(), e.GetProperty("data").GetProperty("attempt").GetInt32()))
                .OrderBy(e => e.Item2));
    }

    private string Url(string name) => pipeline.ImageServer.Url($"/images/{name}").ToString();

    private int Downloads(string run) => pipeline.ImageRequests.Requests.Count(r => r.Path.Contains(run, StringComparison.Ordinal));

    private async Task<Guid> UploadWithWebhookAsync(string csv)
    {
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent(pipeline.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
        };
        using var response = await pipeline.Gateway.PostAsync("/api/requests", upload);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    private async Task<JsonElement> WaitAsync(Guid requestId, Func<JsonElement, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(PipelineApi.CompletionTimeout);
        JsonElement status = default;
        try
        {
            while (true)
            {
                status = await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}", timeout.Token);
                if (condition(status))
                {
                    return status;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{what}: not within {PipelineApi.CompletionTimeout}; last status {status}");
        }
    }

    /// <summary>The webhook payloads of one request, once <paramref name="count"/> arrived and no more within 3 s.</summary>
    private async Task<List<JsonElement>> WebhooksOfAsync(Guid requestId, int count)
    {
        using var timeout = new CancellationTokenSource(PipelineApi.CompletionTimeout);
        List<JsonElement> Payloads() => [.. pipeline.WebhookRequests.Requests
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Where(p => p.GetProperty("data").GetProperty("requestId").GetGuid() == requestId)];
        while (Payloads().Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        return Payloads();
    }
}
