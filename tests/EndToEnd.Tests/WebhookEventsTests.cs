using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>The opt-in webhook events of a slow request, as its client's receiver sees them through the whole system.</summary>
[Collection(PipelineCollection.Name)]
public sealed class WebhookEventsTests(PipelineFixture pipeline, ITestOutputHelper output)
{
    [RequiresAppHostFact]
    public async Task Progress_arrives_while_a_slow_request_runs_every_image_is_announced_and_nothing_follows_the_completion()
    {
        const int Images = 60;
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, Images).Select(i => $"{PipelineFixture.SlowPrefix}{run}-{i}.jpg").ToList();
        var jpeg = TestImages.Jpeg(64, 48, quality: 90, seed: 11);
        // the last one is never served: one image.failed
        names.Take(Images - 1).ToList().ForEach(name => pipeline.Serve(name, jpeg, "image/jpeg"));
        var csv = PipelineApi.Csv(names.Select((name, i) => (i + 1, $"Events {i}", (IReadOnlyList<string>)[Url(name)])));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent(pipeline.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
            { new StringContent("request.progress,image.processed,image.failed"), "webhookEvents" },
        };
        using var accepted = await pipeline.Gateway.PostAsync("/api/requests", upload);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var requestId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();

        var final = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        var events = await EventsOfAsync(requestId, untilType: "request.completed");

        var types = events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{final.GetProperty("status")}: {string.Join(", ", types.Select(t => $"{t.Key} {t.Value}"))}");
        Assert.Equal(["request.progress,image.processed,image.failed"], [string.Join(',', final.GetProperty("webhookEvents").EnumerateArray().Select(e => e.GetString()))]);
        Assert.Equal((Images - 1, 1, 1), (types.GetValueOrDefault("image.processed"), types.GetValueOrDefault("image.failed"), types.GetValueOrDefault("request.completed")));
        var failed = events.Single(e => e.Type == "image.failed").Data;
        Assert.Equal((Url(names[^1]), "http_404", Images + 1), (failed.GetProperty("inputUrl").GetString(), failed.GetProperty("reasonCode").GetString(), failed.GetProperty("row").GetInt32()));

        var completion = events.Single(e => e.Type == "request.completed");
        var progress = events.Where(e => e.Type == "request.progress").OrderBy(e => e.Sequence).ToList();
        // while it ran: at least two, at most one a second (the interval) plus the first
        Assert.InRange(progress.Count, 2, Images);
        // during the request: one arrived before the completion, and none was sent after it (arrival order is not
        // guaranteed, so a late one is told by its time and sequence)
        Assert.True(progress[0].ReceivedAt < completion.ReceivedAt, "no progress event arrived before the completion");
        Assert.All(progress, p => Assert.True(p.At < completion.At, $"a progress event at {p.At:O} was sent after the completion at {completion.At:O}"));
        Assert.All(progress, p => Assert.Equal("Processing", p.Data.GetProperty("status").GetString()));
        var done = progress.Select(p => p.Data.GetProperty("imagesSucceeded").GetInt32() + p.Data.GetProperty("imagesFailed").GetInt32()).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(done.Count, done.Distinct().Count());
        Assert.All(progress, p => Assert.InRange(p.Data.GetProperty("percent").GetInt32(), 1, 99));
        for (var i = 1; i < progress.Count; i++)
        {
            Assert.True(progress[i].At - progress[i - 1].At >= TimeSpan.FromSeconds(0.9), $"progress {i} came {progress[i].At - progress[i - 1].At} after the one before");
        }
        // every event has its own sequence, and the completion's is the last
        Assert.Equal(events.Count, events.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(events.Max(e => e.Sequence), completion.Sequence);
    }

    private string Url(string name) => pipeline.ImageServer.Url($"/images/{name}").ToString();

    /// <summary>The request's webhook events once <paramref name="untilType"/> arrived and then 3 s passed without it growing.</summary>
    private async Task<List<ReceivedEvent>> EventsOfAsync(Guid requestId, string untilType)
    {
        using var timeout = new CancellationTokenSource(PipelineApi.CompletionTimeout);
        List<ReceivedEvent> Events() => [.. pipeline.WebhookRequests.Requests
            .Select(r => (Json: JsonDocument.Parse(r.Body).RootElement, r.ReceivedAt))
            .Where(p => p.Json.GetProperty("data").GetProperty("requestId").GetGuid() == requestId)
            .Select(p => new ReceivedEvent(
                p.Json.GetProperty("type").GetString()!, p.Json.GetProperty("data").GetProperty("sequence").GetInt64(),
                p.Json.GetProperty("timestamp").GetDateTimeOffset(), p.ReceivedAt, p.Json.GetProperty("data")))];
        while (!Events().Any(e => e.Type == untilType))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
        int count;
        do
        {
            count = Events().Count;
            await Task.Delay(TimeSpan.FromSeconds(3), timeout.Token);
        }
        while (Events().Count != count);
        return Events();
    }
}
