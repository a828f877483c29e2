using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Ingest, Export and Notifier each stopped and started again with the AppHost's own resource commands, at the
/// moment of a request where they matter most.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ServiceRestartTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const int LastImages = 4;
    private const int AllSlots = FaultsFixture.WorkerReplicas * FaultsFixture.WorkerConcurrency;
    private const int HeldBack = 2 * AllSlots;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(5);

    private static bool LastFew(int index) => index >= PipelineRun.ImageCount - LastImages;

    [RequiresLocalAppHostFact]
    public async Task Ingest_stopped_and_restarted_mid_request_loses_nothing()
    {
        await fixture.EnsureAllHealthyAsync();
        // the last 16 images wait at the gate; once every worker slot holds one, the gate opens with Ingest down,
        // so those images are processed while nobody can record their results
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, index => index >= PipelineRun.ImageCount - HeldBack);
        await PipelineRun.WaitForHeldAsync(fixture, AllSlots, TimeSpan.FromSeconds(90));

        var ingest = fixture.InstanceOf("ingest");
        await fixture.StopAsync(ingest);
        var downloadsBefore = run.DownloadsSoFar();
        fixture.Images.OpenGate();
        await Task.Delay(Downtime);
        var processedWhileDown = run.DownloadsSoFar() - downloadsBefore;
        output.WriteLine($"images downloaded while Ingest was down: {processedWhileDown}");
        Assert.True(processedWhileDown > 0, "no image was processed while Ingest was stopped");
        await fixture.StartAsync(ingest);

        await run.CompleteAndVerifyAsync();
    }

    [RequiresLocalAppHostFact]
    public async Task Export_stopped_while_the_request_is_exporting_and_restarted_completes_it()
    {
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, LastFew);
        await run.WaitForStatusAsync(s => PipelineRun.Done(s) == PipelineRun.ImageCount - LastImages, TimeSpan.FromSeconds(90), "all but the gated images done");
        await PipelineRun.WaitForHeldAsync(fixture, LastImages, TimeSpan.FromSeconds(30));

        var export = fixture.InstanceOf("export");
        await fixture.StopAsync(export);
        fixture.Images.OpenGate();
        // every image has its result, so the export is asked for while nobody can do it
        await run.WaitForStatusAsync(s => PipelineRun.Status(s) == "Exporting", TimeSpan.FromSeconds(60), "Exporting");
        await Task.Delay(Downtime);
        Assert.Equal("Exporting", PipelineRun.Status(await run.WaitForStatusAsync(_ => true, TimeSpan.FromSeconds(30), "any status")));
        await fixture.StartAsync(export);

        await run.CompleteAndVerifyAsync();
    }

    [RequiresLocalAppHostFact]
    public async Task Notifier_stopped_as_the_request_completes_and_restarted_sends_one_webhook()
    {
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, LastFew);
        await PipelineRun.WaitForHeldAsync(fixture, LastImages, TimeSpan.FromSeconds(90));

        var notifier = fixture.InstanceOf("notifier");
        await fixture.StopAsync(notifier);
        fixture.Images.OpenGate();
        // the request completes and RequestCompleted waits in Notifier's queue
        await run.WaitForFinalStatusAsync();
        await Task.Delay(Downtime);
        Assert.Empty(run.Webhooks());
        await fixture.StartAsync(notifier);

        await run.CompleteAndVerifyAsync();
    }
}
