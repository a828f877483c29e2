using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// A catalogue sent again through the whole system costs only what changed: one fetch per URL within a request, a
/// conditional fetch answered 304 for an unchanged image, shared outputs that outlive the purge of one of their users,
/// and <c>fresh=true</c> that reuses nothing.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ReuseTests(PipelineFixture pipeline)
{
    [RequiresAppHostFact]
    public async Task A_catalogue_sent_again_reuses_every_unchanged_image_and_a_purge_of_either_keeps_the_others_outputs()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var origin = pipeline.Conditional;
        string[] names = [$"{run}/banner.jpg", $"{run}/chair.jpg", $"{run}/lamp.png"];
        origin.Put(names[0], TestImages.Jpeg(96, 64, quality: 92, seed: 31));
        origin.Put(names[1], TestImages.Jpeg(80, 60, quality: 90, seed: 32));
        origin.Put(names[2], TestImages.Png(48, 40, seed: 33), "image/png");
        var csv = PipelineApi.Csv(
        [
            (1, "Chair", [origin.Url(names[1]), origin.Url(names[0])]),
            (2, "Lamp", [origin.Url(names[2]), origin.Url(names[0])]),
            (3, "Banner only", [origin.Url(names[0])]),
        ]);

        var first = await PipelineApi.UploadAsync(pipeline.Gateway, csv);
        var firstStatus = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, first);
        var afterFirst = names.Select(origin.CountsOf).ToArray();
        var second = await PipelineApi.UploadAsync(pipeline.Gateway, csv);
        var secondStatus = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, second);
        var afterSecond = names.Select(origin.CountsOf).ToArray();

        // one fetch per URL within a request, though the banner stands in three products
        Assert.Equal([1, 1, 1], afterFirst.Select(c => c.Requests));
        Assert.Equal(("Completed", 5), (firstStatus.String("status"), firstStatus.GetProperty("images").GetProperty("succeeded").GetInt32()));
        Assert.Equal(2, firstStatus.GetProperty("reused").GetProperty("sameRequest").GetInt32());
        // the second time each URL is asked once more, conditionally, answered 304: nothing downloaded
        Assert.Equal([2, 2, 2], afterSecond.Select(c => c.Requests));
        Assert.Equal([1, 1, 1], afterSecond.Select(c => c.NotModified));
        Assert.Equal(afterFirst.Select(c => c.BodyBytes), afterSecond.Select(c => c.BodyBytes));
        Assert.Equal("Completed", secondStatus.String("status"));
        var reused = secondStatus.GetProperty("reused");
        Assert.Equal((2, 3, 0), (reused.GetProperty("sameRequest").GetInt32(), reused.GetProperty("notModified").GetInt32(), reused.GetProperty("sameBytes").GetInt32()));
        var firstOutputs = await OutputUrlsAsync(first);
        var secondOutputs = await OutputUrlsAsync(second);
        Assert.Equal(firstOutputs, secondOutputs);
        Assert.Equal(["not_modified", "not_modified", "not_modified", "same_request", "same_request"],
            (await PipelineApi.ImagesAsync(pipeline.Gateway, second)).SelectMany(p => p).Select(i => i.String("reuse")).Order(StringComparer.Ordinal));

        // a fresh run reuses nothing from earlier requests, though it still fetches each URL once
        var fresh = await UploadFreshAsync(csv);
        var freshStatus = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, fresh);
        Assert.Equal((2, 0), (freshStatus.GetProperty("reused").GetProperty("sameRequest").GetInt32(), freshStatus.GetProperty("reused").GetProperty("notModified").GetInt32()));
        Assert.Equal([3, 3, 3], names.Select(n => origin.CountsOf(n).Ok + origin.CountsOf(n).NotModified));
        Assert.DoesNotContain(await OutputUrlsAsync(fresh), firstOutputs.Contains);

        // the first request's outputs are the second's too: purging the first keeps them, purging the second ends them
        await PurgeAsync(first);
        foreach (var url in secondOutputs.Distinct())
        {
            using var image = await pipeline.Gateway.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        }
        await PurgeAsync(second);
        foreach (var url in secondOutputs.Distinct())
        {
            using var image = await pipeline.Gateway.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
        }
    }

    private async Task<string[]> OutputUrlsAsync(Guid requestId) =>
        [.. (await PipelineApi.ImagesAsync(pipeline.Gateway, requestId)).SelectMany(p => p).Select(i => new Uri(i.String("outputUrl")!).PathAndQuery)];

    private async Task<Guid> UploadFreshAsync(string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await pipeline.Gateway.PostAsync("/api/requests?fresh=true", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    // retention (86.4 s in this fixture) may have purged it already: gone either way
    private async Task PurgeAsync(Guid requestId)
    {
        using var purge = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");
        Assert.Contains(purge.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound });
    }
}
