using System.Diagnostics;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>An image-worker replica dies (SIGKILL) or is asked to stop (SIGTERM) while it holds images in flight.</summary>
[Collection(FaultsCollection.Name)]
public sealed class WorkerCrashTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const string WorkerExecutable = "ImagePipeline.ImageWorker";
    private const int AllSlots = FaultsFixture.WorkerReplicas * FaultsFixture.WorkerConcurrency;

    // images 20..27 wait at the gate: once all of them are held, every slot of every replica is busy with one,
    // so the replica the test picks surely has images in flight
    private static bool Gated(int index) => index is >= 20 and < 20 + AllSlots;

    [RequiresLocalAppHostFact]
    public async Task Sigkill_of_a_worker_replica_mid_request_loses_nothing_and_counts_nothing_twice()
    {
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, Gated);
        await PipelineRun.WaitForHeldAsync(fixture, AllSlots, TimeSpan.FromSeconds(90));
        var (victim, launcher, pid) = PickReplica();
        await DispatchProbe.WaitForSlotsAsync(fixture, AllSlots, TimeSpan.FromSeconds(30));

        using (var process = Process.GetProcessById(pid))
        {
            // Process.Kill is SIGKILL on Unix, and only this process
            process.Kill();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), $"worker {pid} survived SIGKILL");
        }
        var after = await fixture.Resources.WaitAsync(victim, s => ResourceTracker.IsStopped(s) || ResourceTracker.ProcessId(s) != launcher,
            TimeSpan.FromSeconds(30), "seen as killed");
        output.WriteLine($"killed {victim} (pid {pid}); the AppHost shows it {after.Snapshot.State?.Text}, exit code {after.Snapshot.ExitCode}");
        // its slots leave what Ingest shares out once its heartbeats stop (three beats), long before an image lease
        var forgotten = await DispatchProbe.WaitForSlotsAsync(fixture, AllSlots - FaultsFixture.WorkerConcurrency, FaultsFixture.ImageLease);
        output.WriteLine($"Ingest stopped counting the killed worker's slots {forgotten.TotalSeconds:F1} s later");
        fixture.Images.OpenGate();

        var outcome = await run.CompleteAndVerifyAsync();
        // the killed replica's held images were downloaded again by its peer
        Assert.True(outcome.ProcessedAgain >= 1, "no image was processed again: the kill did not land on work in flight");
        // a write cut short leaves a temporary file at most, never a file under a final key (checked above)
        output.WriteLine($"temporary files left by the killed worker: {Directory.GetFiles(Path.Combine(fixture.FilesDirectory, "images"), "*.tmp").Length}");
        await ReportAndRestoreAsync(victim);
    }

    [RequiresLocalAppHostFact]
    public async Task Sigterm_of_a_worker_replica_mid_request_finishes_or_hands_back_its_images()
    {
        await fixture.EnsureAllHealthyAsync();
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, Gated);
        await PipelineRun.WaitForHeldAsync(fixture, AllSlots, TimeSpan.FromSeconds(90));
        var (victim, _, pid) = PickReplica();

        using var process = Process.GetProcessById(pid);
        Assert.Equal(0, Kill(pid, "TERM"));
        // the stop lands while the replica's downloads are still held; then they may finish
        await Task.Delay(TimeSpan.FromSeconds(2));
        fixture.Images.OpenGate();
        Assert.True(await WaitForExitAsync(process, TimeSpan.FromSeconds(60)), $"worker {pid} did not exit within 60 s of SIGTERM");
        output.WriteLine($"worker {victim} (pid {pid}) exited after SIGTERM");

        await run.CompleteAndVerifyAsync();
        // a graceful stop leaves no temporary file behind, and nothing else but whole images under images/
        var imagesDirectory = Path.Combine(fixture.FilesDirectory, "images");
        Assert.Empty(Directory.GetFiles(imagesDirectory, "*.tmp"));
        await ReportAndRestoreAsync(victim);
    }

    private (string ResourceId, int Launcher, int ProcessId) PickReplica()
    {
        var replicas = fixture.Resources.Instances("imageworker");
        Assert.Equal(FaultsFixture.WorkerReplicas, replicas.Count);
        var victim = replicas[0];
        var launcher = ResourceTracker.ProcessId(victim) ?? throw new InvalidOperationException($"{victim.ResourceId} shows no process id");
        // only the worker process the AppHost started for this replica, never one found by name
        var pid = ServiceProcesses.FindService(launcher, WorkerExecutable);
        output.WriteLine($"replica {victim.ResourceId}: launcher pid {launcher} ({ServiceProcesses.CommandLine(launcher)}), worker pid {pid} ({ServiceProcesses.CommandLine(pid)})");
        return (victim.ResourceId, launcher, pid);
    }

    /// <summary>Says whether the AppHost restarted the replica itself, then makes sure it runs again for the next test.</summary>
    private async Task ReportAndRestoreAsync(string victim)
    {
        var state = fixture.Resources.Latest(victim)?.Snapshot;
        output.WriteLine($"after the request: {victim} is {state?.State?.Text} (the AppHost {(state is not null && ResourceTracker.IsStopped(state) ? "did not restart it; the test starts it" : "restarted it")})");
        await fixture.EnsureAllHealthyAsync();
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to that one process with kill(1); returns its exit code.</summary>
    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill(1) did not start");
        kill.WaitForExit(TimeSpan.FromSeconds(10));
        return kill.ExitCode;
    }
}
