using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// The whole system stopped mid-request the way Ctrl+C stops <c>dotnet run --project AppHost</c>, and started again
/// on the same data directory: the broker is the same node with the same durable queues, so the request completes.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class AppHostRestartTests(FaultsFixture fixture, ITestOutputHelper output)
{
    // as in the issue: Ctrl+C once about 11 of the 60 images are done
    private const int DoneBeforeStop = 11;

    [RequiresLocalAppHostFact]
    public async Task The_whole_AppHost_stopped_mid_request_and_started_again_completes_the_request()
    {
        await fixture.EnsureAllHealthyAsync();
        var nodeBefore = fixture.RabbitMQ().NodeName;
        var run = await PipelineRun.SubmitAsync(fixture, output);
        var atStop = await run.WaitForStatusAsync(s => PipelineRun.Done(s) >= DoneBeforeStop, TimeSpan.FromSeconds(90), $"{DoneBeforeStop} images done");

        // the stop lands mid-request: the rest has to come from the broker the new AppHost finds
        Assert.Equal("Processing", PipelineRun.Status(atStop));
        Assert.True(PipelineRun.Done(atStop) < PipelineRun.ImageCount, "the request finished before the AppHost stopped");

        var restartedAt = await fixture.RestartAppAsync();

        output.WriteLine($"stopped the AppHost with {PipelineRun.Done(atStop)} of {PipelineRun.ImageCount} images done; started again in {(DateTimeOffset.UtcNow - restartedAt).TotalSeconds:F1} s");
        Assert.Equal(nodeBefore, fixture.RabbitMQ().NodeName);

        await run.CompleteAndVerifyAsync();
        var webhook = Assert.Single(run.Webhooks());
        output.WriteLine($"restart → webhook: {(webhook.ReceivedAt - restartedAt).TotalSeconds:F1} s (node {nodeBefore})");
    }
}
