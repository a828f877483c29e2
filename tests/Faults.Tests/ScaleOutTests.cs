using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// One request spread over every worker replica, and an origin paced by what it answers: dispatch follows the worker
/// slots Ingest hears of and each origin's own pace, not fixed numbers. Watched at the origin, not timed.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ScaleOutTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const int AllSlots = FaultsFixture.WorkerReplicas * FaultsFixture.WorkerConcurrency;

    [RequiresLocalAppHostFact]
    public async Task A_request_on_several_replicas_has_more_downloads_open_than_one_replica_could_take()
    {
        await fixture.EnsureAllHealthyAsync();
        await DispatchProbe.WaitForSlotsAsync(fixture, AllSlots, TimeSpan.FromSeconds(30));
        fixture.Images.ResetCounts();

        var status = await RunAsync("spread", images: 80);

        output.WriteLine($"most downloads open at the origin: {fixture.Images.MostOpen} (one replica takes {FaultsFixture.WorkerConcurrency})");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.True(fixture.Images.MostOpen > FaultsFixture.WorkerConcurrency,
            $"at most {fixture.Images.MostOpen} downloads were open at once: no more than one replica's slots");
    }

    [RequiresLocalAppHostFact]
    public async Task An_origin_that_takes_only_three_at_once_gets_every_image_done_with_few_429s()
    {
        const int Images = 120;
        const int OriginLimit = 3;
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.ResetCounts();
        fixture.Images.ThrottleAbove = OriginLimit;
        try
        {
            var status = await RunAsync("throttled", Images);

            var pace = (await DispatchProbe.ReadAsync(fixture)).GetProperty("origins").EnumerateArray()
                .Single(o => o.GetProperty("origin").GetString()!.EndsWith($":{fixture.Images.Server.BaseUri.Port}", StringComparison.Ordinal));
            output.WriteLine($"{fixture.Images.Throttled} answers of 429 for {Images} images; most open at once {fixture.Images.MostOpen} " +
                $"(the origin takes {OriginLimit}); Ingest's limit for it now {pace.GetProperty("limit").GetInt32()}");
            Assert.Equal("Completed", status.GetProperty("status").GetString());
            Assert.Equal(Images, status.GetProperty("images").GetProperty("succeeded").GetInt32());
            // the workers' eight slots are far above the origin's three: unpaced, five of every eight downloads would
            // meet a 429 (and their retries more); paced, most come from the first burst (this fixture starts each
            // origin at 16) before the limit has come down
            Assert.True(fixture.Images.Throttled < Images / 3, $"{fixture.Images.Throttled} answers of 429 for {Images} images");
        }
        finally
        {
            fixture.Images.ThrottleAbove = null;
        }
    }

    private async Task<JsonElement> RunAsync(string name, int images)
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
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();

        using var deadline = new CancellationTokenSource(PipelineRun.CompletionTimeout);
        while (true)
        {
            var status = await fixture.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{requestId}", UriKind.Relative), deadline.Token);
            if (PipelineRun.IsFinal(status))
            {
                return status;
            }
            await Task.Delay(200, deadline.Token);
        }
    }
}
