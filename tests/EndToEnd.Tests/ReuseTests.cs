using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// A catalogue sent again through the whole system costs only what changed: one fetch per URL within a request, whose
/// result (an output or a failure) every slot of that URL shows in the output CSV and failed.csv, a conditional fetch
/// answered 304 for an unchanged image, shared outputs that outlive the purge of one of their users, and
/// <c>fresh=true</c> that reuses nothing. That reuse never crosses API keys is tested where the AppHost runs with keys
/// (<c>Cli.Tests</c>' <c>ReuseIsolationTests</c>): this fixture runs without.
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

    [RequiresAppHostFact]
    public async Task A_url_in_several_slots_is_fetched_once_and_every_slot_shows_its_result_in_the_output_csv_and_failed_csv()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var origin = pipeline.Conditional;
        var (shared, own, missing) = ($"{run}/shared.jpg", $"{run}/own.png", $"{run}/missing.jpg");
        origin.Put(shared, TestImages.Jpeg(88, 66, quality: 92, seed: 41));
        origin.Put(own, TestImages.Png(40, 30, seed: 42), "image/png");
        // missing is never put: the origin answers 404, and the failure is shared as a success would be
        var (sharedUrl, ownUrl, missingUrl) = (origin.Url(shared), origin.Url(own), origin.Url(missing));
        var csv = PipelineApi.Csv(
        [
            (1, "Sofa", [sharedUrl, missingUrl]),
            (2, "Table", [ownUrl, sharedUrl, sharedUrl]),
            (3, "Rug", [missingUrl]),
            (4, "Poster", [sharedUrl]),
        ]);

        var requestId = await PipelineApi.UploadAsync(pipeline.Gateway, csv);
        var status = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        var output = await PipelineApi.OutputCsvAsync(pipeline.Gateway, requestId);
        var failed = await PipelineApi.FailedCsvAsync(pipeline.Gateway, requestId);
        var slots = (await PipelineApi.ImagesAsync(pipeline.Gateway, requestId)).SelectMany(p => p).ToArray();

        // one request per URL, though shared stands in four slots (two in one product) and missing in two
        Assert.Equal([(1, 1, 0), (1, 1, 0), (1, 0, 1)],
            new[] { shared, own, missing }.Select(origin.CountsOf).Select(c => (c.Requests, c.Ok, c.NotFound)));
        // the counts stay per slot: seven slots, the four of shared and the one of own succeeded, the two of missing
        // failed; four of them (three of shared, one of missing) were served by their URL's first slot
        Assert.Equal(("CompletedWithErrors", 4), (status.String("status"), status.GetProperty("productCount").GetInt32()));
        var images = status.GetProperty("images");
        Assert.Equal((7, 5, 2, 0), (Count(images, "total"), Count(images, "succeeded"), Count(images, "failed"), Count(images, "pending")));
        var reused = status.GetProperty("reused");
        Assert.Equal((4, 0, 0), (Count(reused, "sameRequest"), Count(reused, "notModified"), Count(reused, "sameBytes")));
        Assert.Equal([null, null, null, "same_request", "same_request", "same_request", "same_request"], slots.Select(i => i.String("reuse")));

        // the output CSV: every slot of shared holds the same output URL, every slot of missing the empty cell a
        // failure leaves in its place
        var sharedOutput = output[^1][3];
        var ownOutput = output[2][3].Split(',')[0];
        Assert.StartsWith("http", sharedOutput, StringComparison.Ordinal);
        Assert.StartsWith("http", ownOutput, StringComparison.Ordinal);
        Assert.NotEqual(sharedOutput, ownOutput);
        Assert.Equal(
            [
                "S. No. | Product Name | Input Image Urls | Output Image Urls",
                $"1 | Sofa | {sharedUrl},{missingUrl} | {sharedOutput},",
                $"2 | Table | {ownUrl},{sharedUrl},{sharedUrl} | {ownOutput},{sharedOutput},{sharedOutput}",
                $"3 | Rug | {missingUrl} | ",
                $"4 | Poster | {sharedUrl} | {sharedOutput}",
            ],
            output.Select(Row));
        using (var image = await pipeline.Gateway.GetAsync(new Uri(sharedOutput).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        }
        // failed.csv: both products of missing, each with the reason its one fetch ended with
        Assert.Equal(
            [
                "S. No. | Product Name | Input Image Urls | Reason",
                $"1 | Sofa | {missingUrl} | {missingUrl}: http_404",
                $"3 | Rug | {missingUrl} | {missingUrl}: http_404",
            ],
            failed.Select(Row));
    }

    private static int Count(JsonElement counts, string property) => counts.GetProperty(property).GetInt32();

    private static string Row(string[] cells) => string.Join(" | ", cells);

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
