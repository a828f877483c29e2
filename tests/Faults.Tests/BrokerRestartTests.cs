using System.Net;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>The RabbitMQ node (the <c>messaging</c> resource, a process in local mode) stopped and started again.</summary>
[Collection(FaultsCollection.Name)]
public sealed class BrokerRestartTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const int AllSlots = FaultsFixture.WorkerReplicas * FaultsFixture.WorkerConcurrency;
    private const int HeldBack = 2 * AllSlots;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(5);
    // every service on the bus; the gateway only publishes, and its check asks the broker on the bus's own connection
    private static readonly string[] BusServices = ["ingest", "imageworker", "export", "notifier", "gateway"];

    [RequiresLocalAppHostFact]
    public async Task RabbitMQ_stopped_and_restarted_mid_request_every_service_reconnects_and_the_request_completes()
    {
        await fixture.EnsureAllHealthyAsync();
        // every worker slot holds a gated image when the broker stops; the gate opens while it is down, so the
        // workers finish images they can neither report nor acknowledge
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, index => index >= PipelineRun.ImageCount - HeldBack);
        await PipelineRun.WaitForHeldAsync(fixture, AllSlots, TimeSpan.FromSeconds(90));

        var broker = fixture.InstanceOf("messaging");
        await fixture.StopAsync(broker);
        fixture.Images.OpenGate();
        await Task.Delay(Downtime);
        await fixture.StartAsync(broker);

        var outcome = await run.CompleteAndVerifyAsync();
        output.WriteLine($"images processed again after the broker restart: {outcome.ProcessedAgain}");
        await fixture.EnsureAllHealthyAsync();
    }

    [RequiresLocalAppHostFact]
    public async Task Health_turns_unhealthy_while_RabbitMQ_is_down_and_healthy_again_on_its_own()
    {
        await fixture.EnsureAllHealthyAsync();
        foreach (var service in BusServices)
        {
            Assert.Equal(HttpStatusCode.OK, (await HealthAsync(service)).Status);
        }

        var broker = fixture.InstanceOf("messaging");
        await fixture.StopAsync(broker);
        try
        {
            foreach (var service in BusServices)
            {
                var seen = await WaitForHealthAsync(service, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
                output.WriteLine($"{service}: /health {(int)HttpStatusCode.ServiceUnavailable} {seen.TotalSeconds:F1} s after the broker stopped");
            }
        }
        finally
        {
            await fixture.StartAsync(broker);
        }
        foreach (var service in BusServices)
        {
            var seen = await WaitForHealthAsync(service, HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            output.WriteLine($"{service}: /health 200 {seen.TotalSeconds:F1} s after the broker was back");
        }
        await fixture.EnsureAllHealthyAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> HealthAsync(string service)
    {
        using var client = fixture.ServiceClient(service);
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<TimeSpan> WaitForHealthAsync(string service, HttpStatusCode expected, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (HttpStatusCode Status, string Body)? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await HealthAsync(service);
                if (last.Value.Status == expected)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                last = null;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{service}: /health did not answer {(int)expected} within {timeout.TotalSeconds:0} s; last answer {(int?)last?.Status} {last?.Body}");
    }
}
