using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Fair share in the workers: a small request sent while a big one runs is served beside it, not after it, because
/// Ingest releases each request's images in a window (its share of the worker slots) instead of queueing all of them at once.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FairShareTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const int BigImages = 240;
    private const int SmallImages = 5;

    [RequiresLocalAppHostFact]
    public async Task A_small_request_finishes_while_a_big_one_is_still_mostly_pending()
    {
        await fixture.EnsureAllHealthyAsync();
        // the small request alone first: the figure the one beside the big request is compared with (reported only)
        var alone = System.Diagnostics.Stopwatch.StartNew();
        var solo = await UploadAsync("alone", SmallImages);
        await WaitAsync(solo, s => Status(s) is "Completed" or "CompletedWithErrors" or "Failed", "the small request alone finished");
        alone.Stop();

        var big = await UploadAsync("big", BigImages);
        await WaitAsync(big, s => s.GetProperty("images").GetProperty("succeeded").GetInt32() > 0, "the big request under way");

        var beside = System.Diagnostics.Stopwatch.StartNew();
        var small = await UploadAsync("small", SmallImages);
        var smallDone = await WaitAsync(small, s => Status(s) is "Completed" or "CompletedWithErrors" or "Failed", "the small request finished");
        beside.Stop();
        var bigThen = await StatusAsync(big);
        var bigPending = bigThen.GetProperty("images").GetProperty("pending").GetInt32();
        output.WriteLine($"small request alone: {alone.Elapsed.TotalSeconds:F1} s; beside the big one: {beside.Elapsed.TotalSeconds:F1} s ({Status(smallDone)}); " +
            $"the big one then had {bigPending} of {BigImages} images pending");

        Assert.Equal("Completed", Status(smallDone));
        // with every image queued at upload the small one ran after the whole big one (0 pending by then)
        Assert.True(bigPending > BigImages / 2, $"the big request had only {bigPending} of {BigImages} images pending when the small one finished");

        // leave the workers idle for the next test
        Assert.Equal("Completed", Status(await WaitAsync(big, s => Status(s) is "Completed" or "CompletedWithErrors" or "Failed", "the big request finished")));
    }

    private async Task<Guid> UploadAsync(string name, int images)
    {
        var run = $"{name}-{Guid.NewGuid():N}"[..16];
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var i = 0; i < images; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},Product {i + 1},{fixture.Images.Url(run, i, gated: false)}\r\n");
        }
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var response = await fixture.Gateway.PostAsync(new Uri("/api/requests", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    private async Task<JsonElement> WaitAsync(Guid requestId, Func<JsonElement, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(PipelineRun.CompletionTimeout);
        while (true)
        {
            var status = await StatusAsync(requestId);
            if (condition(status))
            {
                return status;
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what}: not within {PipelineRun.CompletionTimeout}; last status {status}");
            }
        }
    }

    private async Task<JsonElement> StatusAsync(Guid requestId) =>
        await fixture.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{requestId}", UriKind.Relative));

    private static string Status(JsonElement status) => status.GetProperty("status").GetString()!;
}
