using System.Net.Http.Json;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Messages lost outright, as an operator's purge or a broker that lost its data would lose them: Ingest's reconciler
/// finds what stopped moving once its lease runs out and drives it again, and every check of a clean run still holds.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class LostMessageTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromSeconds(60);

    [RequiresLocalAppHostFact]
    public async Task Purging_process_image_mid_request_loses_no_image()
    {
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.CloseGate();
        // every image waits at the gate: the workers hold one per slot, and the rest of the window waits in the queue
        var run = await PipelineRun.SubmitAsync(fixture, output, gated: _ => true);
        await PipelineRun.WaitForHeldAsync(fixture, FaultsFixture.WorkerReplicas * FaultsFixture.WorkerConcurrency, TimeSpan.FromSeconds(90));
        var rabbitmq = fixture.RabbitMQ();
        var queued = await WaitForReadyAsync(rabbitmq, "process-image");

        await rabbitmq.RunAsync("rabbitmqctl", "purge_queue", "process-image");
        fixture.Images.OpenGate();

        var outcome = await run.CompleteAndVerifyAsync();
        var status = await StatusAsync(run);
        output.WriteLine($"purged {queued} ProcessImage; {outcome}; re-driven {status.GetProperty("redrives").GetInt32()}");
        Assert.True(status.GetProperty("redrives").GetInt32() >= queued, "the purged images were not re-driven by the reconciler");
    }

    [RequiresLocalAppHostFact]
    public async Task Purging_export_requested_and_request_completed_still_ends_in_one_webhook()
    {
        await fixture.EnsureAllHealthyAsync();
        var rabbitmq = fixture.RabbitMQ();
        var export = fixture.InstanceOf("export");
        var notifier = fixture.InstanceOf("notifier");
        await fixture.StopAsync(export);
        await fixture.StopAsync(notifier);

        // with Export away, the ask for the CSV waits in its queue: it is purged just after the last image result
        var run = await PipelineRun.SubmitAsync(fixture, output);
        await run.WaitForStatusAsync(s => PipelineRun.Status(s) == "Exporting", PipelineRun.CompletionTimeout, "Exporting");
        await WaitForReadyAsync(rabbitmq, "export-requested");
        await rabbitmq.RunAsync("rabbitmqctl", "purge_queue", "export-requested");
        await fixture.StartAsync(export);

        // with Notifier away, the completion waits in its queue: it is purged just after completion
        await run.WaitForStatusAsync(PipelineRun.IsFinal, PipelineRun.CompletionTimeout, "a final status after the export was re-driven");
        await WaitForReadyAsync(rabbitmq, "request-completed");
        await rabbitmq.RunAsync("rabbitmqctl", "purge_queue", "request-completed");
        await fixture.StartAsync(notifier);

        var outcome = await run.CompleteAndVerifyAsync();
        var status = await StatusAsync(run);
        output.WriteLine($"{outcome}; re-driven {status.GetProperty("redrives").GetInt32()}");
        Assert.True(status.GetProperty("redrives").GetInt32() >= 2, "the export and the completion were not both re-driven");
    }

    /// <summary>Waits until <paramref name="queue"/> has messages no consumer holds: those are what a purge removes.</summary>
    private async Task<long> WaitForReadyAsync(AppHostSupport.RabbitMQControl rabbitmq, string queue)
    {
        using var deadline = new CancellationTokenSource(QueueTimeout);
        while (true)
        {
            var listing = await rabbitmq.RunAsync("rabbitmqctl", "list_queues", "name", "messages_ready", "--quiet", "--no-table-headers");
            var depth = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Where(fields => fields.Length == 2 && fields[0] == queue)
                .Select(fields => long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            if (depth > 0)
            {
                output.WriteLine($"{queue}: {depth} ready");
                return depth;
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    private async Task<JsonElement> StatusAsync(PipelineRun run) =>
        await fixture.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/requests/{run.RequestId}", UriKind.Relative));
}
