using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// An upload while RabbitMQ (the <c>messaging</c> resource) is stopped: the gateway, which only publishes, must say so
/// on <c>/health</c>, refuse the upload with 503 within <c>Uploads:PublishTimeout</c> instead of hanging, and take the
/// same upload (same Idempotency-Key) once the broker is back, as one request.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class BrokerOutageUploadTests(FaultsFixture fixture, ITestOutputHelper output)
{
    // Uploads:PublishTimeout's default (the fixture leaves it), and room for reading and storing the CSV around it
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    [RequiresLocalAppHostFact]
    public async Task An_upload_while_RabbitMQ_is_down_gets_503_and_the_same_upload_after_it_is_back_completes_once()
    {
        await fixture.EnsureAllHealthyAsync();
        Assert.Equal(HttpStatusCode.OK, (await GatewayHealthAsync()).Status);
        var errorsBefore = await PipelineRun.ErrorQueueMessagesAsync(fixture);
        var webhooksBefore = fixture.Webhooks.Requests.Count;
        var run = Guid.NewGuid().ToString("N")[..12];
        var idempotencyKey = $"outage-{run}";
        await WarmUpUploadsAsync();

        var broker = fixture.InstanceOf("messaging");
        await fixture.StopAsync(broker);
        HttpStatusCode refusedStatus;
        TimeSpan refusedAfter;
        TimeSpan? retryAfter;
        JsonElement problem;
        try
        {
            var unhealthy = await WaitForGatewayHealthAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
            output.WriteLine($"gateway: /health 503 {unhealthy.TotalSeconds:F1} s after the broker stopped");

            var clock = Stopwatch.StartNew();
            var (refused, notAccepted) = await PipelineRun.TrySubmitAsync(fixture, output, run, idempotencyKey, errorsBefore);
            using (refused)
            {
                refusedAfter = clock.Elapsed;
                refusedStatus = refused.StatusCode;
                retryAfter = refused.Headers.RetryAfter?.Delta;
                problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            }
            output.WriteLine($"upload while the broker was down: {(int)refusedStatus} after {refusedAfter.TotalSeconds:F1} s, Retry-After {retryAfter?.TotalSeconds} s: {problem}");
            Assert.Null(notAccepted);
        }
        finally
        {
            await fixture.StartAsync(broker);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStatus);
        Assert.InRange(refusedAfter, PublishTimeout - TimeSpan.FromSeconds(1), PublishTimeout + Margin);
        Assert.NotNull(retryAfter);
        Assert.Equal("urn:imagepipeline:problem:upload-not-submitted", problem.GetProperty("type").GetString());

        var healthy = await WaitForGatewayHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        output.WriteLine($"gateway: /health 200 {healthy.TotalSeconds:F1} s after the broker was back");
        var (accepted, pipelineRun) = await PipelineRun.TrySubmitAsync(fixture, output, run, idempotencyKey, errorsBefore);
        using (accepted)
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var outcome = await pipelineRun!.CompleteAndVerifyAsync();
        // the refused attempt submitted nothing: no image of the run was fetched by a second request, one webhook in all
        Assert.Equal(0, outcome.ProcessedAgain);
        Assert.Equal(webhooksBefore + 1, fixture.Webhooks.Requests.Count);
        var (replay, replayed) = await PipelineRun.TrySubmitAsync(fixture, output, run, idempotencyKey, errorsBefore);
        using (replay)
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }
        Assert.Equal(pipelineRun.RequestId, replayed!.RequestId);
        await fixture.EnsureAllHealthyAsync();
    }

    // a gateway's first upload pays for JIT and its store's schema (seconds on a busy machine); an upload refused as
    // invalid takes the same path up to the publish, so the timing below measures the publish timeout, not a cold start
    private async Task WarmUpUploadsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/requests", UriKind.Relative))
        {
            Content = new StringContent("S. No.,Product Name,Input Image Urls\r\n0,,ftp://invalid.example/a.jpg\r\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("Idempotency-Key", $"warm-up-{Guid.NewGuid():N}");
        using var response = await fixture.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> GatewayHealthAsync()
    {
        using var client = fixture.ServiceClient("gateway");
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<TimeSpan> WaitForGatewayHealthAsync(HttpStatusCode expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        (HttpStatusCode Status, string Body)? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await GatewayHealthAsync();
                if (last.Value.Status == expected)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = null;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"gateway: /health did not answer {(int)expected} within {timeout.TotalSeconds:0} s; last answer {(int?)last?.Status} {last?.Body}");
    }
}
