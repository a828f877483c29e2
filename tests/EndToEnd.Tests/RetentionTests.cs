using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>Purge on request and by retention, through the gateway of the whole system.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RetentionTests(PipelineFixture pipeline, ITestOutputHelper output)
{
    // the sweep runs every 2 s; a request is due 86.4 s after it finished (PipelineFixture.RetentionDays)
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromDays(PipelineFixture.RetentionDays) + TimeSpan.FromMinutes(2);

    [RequiresAppHostFact]
    public async Task A_purged_request_is_gone_from_every_route_and_the_file_store_and_a_repeat_is_safe()
    {
        var requestId = await UploadWithWebhookAsync(2);
        await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        var imageUrls = await OutputPathsAsync(requestId);
        using var csvBefore = await pipeline.Gateway.GetAsync($"/api/requests/{requestId}/output.csv");
        using var imageBefore = await pipeline.Gateway.GetAsync(imageUrls[0]);
        var deliveriesBefore = await DeliveriesAsync(requestId, atLeast: 1);
        var uploadBefore = UploadExists(requestId);

        using var purge = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");
        using var again = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");
        using var cancelAfter = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}");

        Assert.Equal(HttpStatusCode.OK, csvBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, imageBefore.StatusCode);
        Assert.NotEmpty(deliveriesBefore);
        Assert.NotEqual(false, uploadBefore);
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelAfter.StatusCode);
        await AssertGoneAsync(requestId, imageUrls);
        // Notifier drops the deliveries when RequestPurged reaches it, a moment after the answer
        await DeliveriesAsync(requestId, atLeast: 0, until: list => list.Count == 0);
    }

    [RequiresAppHostFact]
    public async Task A_running_request_is_not_purged_until_it_has_been_cancelled()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var jpeg = TestImages.Jpeg(64, 48, quality: 90, seed: 5);
        var names = Enumerable.Range(0, 100).Select(i => $"{PipelineFixture.SlowPrefix}{run}-{i}.jpg").ToList();
        names.ForEach(name => pipeline.Serve(name, jpeg, "image/jpeg"));
        var requestId = await PipelineApi.UploadAsync(pipeline.Gateway,
            PipelineApi.Csv(names.Select((name, i) => (i + 1, $"Running {i}", (IReadOnlyList<string>)[Url(name)]))));
        await WaitForStatusAsync(requestId, "Processing");

        using var whileRunning = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");
        using var cancel = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}");
        await WaitForStatusAsync(requestId, "Cancelled");
        var imageUrls = await OutputPathsAsync(requestId);
        using var purge = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");

        Assert.Equal(HttpStatusCode.Conflict, whileRunning.StatusCode);
        Assert.Contains("cancel", await whileRunning.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        await AssertGoneAsync(requestId, imageUrls);
        if (PipelineFixture.Mode == "local")
        {
            Assert.False(File.Exists(Path.Combine(pipeline.FilesDirectory, "cancelled", requestId.ToString("N"))), "the cancel marker is still stored");
        }
    }

    [RequiresAppHostFact]
    public async Task Retention_purges_a_finished_request_by_itself()
    {
        var requestId = await UploadWithWebhookAsync(1);
        var final = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        var imageUrls = await OutputPathsAsync(requestId);

        var purgedAfter = await WaitUntilGoneAsync(requestId);
        output.WriteLine($"{final.GetProperty("status").GetString()} request purged {purgedAfter.TotalSeconds:F0} s after it finished");

        Assert.True(purgedAfter >= TimeSpan.FromDays(PipelineFixture.RetentionDays) - TimeSpan.FromSeconds(10),
            $"purged after {purgedAfter}, before its retention of {TimeSpan.FromDays(PipelineFixture.RetentionDays)} ran out");
        await AssertGoneAsync(requestId, imageUrls);
    }

    private async Task AssertGoneAsync(Guid requestId, IReadOnlyList<string> imageUrls)
    {
        foreach (var route in new[] { "", "/products", "/output.csv", "/failed.csv" })
        {
            using var response = await pipeline.Gateway.GetAsync($"/api/requests/{requestId}{route}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/api/requests/{{id}}{route} answered {(int)response.StatusCode} after the purge");
        }
        foreach (var url in imageUrls)
        {
            using var image = await pipeline.Gateway.GetAsync(url);
            Assert.True(image.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)image.StatusCode} after the purge");
        }
        Assert.NotEqual(true, UploadExists(requestId));
        if (PipelineFixture.Mode == "local")
        {
            Assert.False(File.Exists(Path.Combine(pipeline.FilesDirectory, "exports", $"{requestId:N}.csv")), "the output CSV is still stored");
        }
    }

    /// <summary>Whether the uploaded CSV is in the file store; null where the test cannot look (GridFS in containers mode).</summary>
    private bool? UploadExists(Guid requestId) =>
        PipelineFixture.Mode == "local" ? File.Exists(Path.Combine(pipeline.FilesDirectory, "uploads", $"{requestId:N}.csv")) : null;

    /// <summary>The gateway paths of the request's processed images.</summary>
    private async Task<List<string>> OutputPathsAsync(Guid requestId) =>
        [.. (await PipelineApi.ImagesAsync(pipeline.Gateway, requestId)).SelectMany(images => images)
            .Select(image => image.String("outputUrl"))
            .OfType<string>()
            .Select(url => new Uri(url).PathAndQuery)];

    private async Task<Guid> UploadWithWebhookAsync(int images)
    {
        var jpeg = TestImages.Jpeg(80, 60, quality: 90, seed: 7);
        var names = Enumerable.Range(0, images).Select(i => $"retention-{Guid.NewGuid():N}-{i}.jpg").ToList();
        names.ForEach(name => pipeline.Serve(name, jpeg, "image/jpeg"));
        var csv = PipelineApi.Csv(names.Select((name, i) => (i + 1, $"Retained {i}", (IReadOnlyList<string>)[Url(name)])));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent(pipeline.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
        };
        using var response = await pipeline.Gateway.PostAsync("/api/requests", upload);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    /// <summary>The request's deliveries once there are <paramref name="atLeast"/> (and <paramref name="until"/> holds).</summary>
    private async Task<List<JsonElement>> DeliveriesAsync(Guid requestId, int atLeast, Func<List<JsonElement>, bool>? until = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await pipeline.Gateway.GetAsync($"/api/requests/{requestId}/deliveries", timeout.Token);
            List<JsonElement> list = response.StatusCode == HttpStatusCode.OK
                ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).EnumerateArray()]
                : [];
            if (list.Count >= atLeast && (until is null || until(list)))
            {
                return list;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    private async Task WaitForStatusAsync(Guid requestId, string status)
    {
        using var timeout = new CancellationTokenSource(PipelineApi.CompletionTimeout);
        while ((await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}", timeout.Token)).String("status") != status)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>Waits for the status route to answer 404; returns how long after the call that took.</summary>
    private async Task<TimeSpan> WaitUntilGoneAsync(Guid requestId)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(SweepTimeout);
        while (true)
        {
            using var response = await pipeline.Gateway.GetAsync($"/api/requests/{requestId}", timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return started.Elapsed;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        }
    }

    private string Url(string name) => pipeline.ImageServer.Url($"/images/{name}").ToString();
}
