using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class CodecGateTests
{
    [Fact]
    public async Task No_more_than_the_codec_slots_run_at_once()
    {
        using var gate = new CodecGate(Options.Create(new ImageWorkerOptions { Concurrency = 8, CodecConcurrency = 2 }));
        using var release = new ManualResetEventSlim();
        int running = 0, most = 0;
        var callers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => gate.RunAsync(() =>
        {
            InterlockedMax(ref most, Interlocked.Increment(ref running));
            release.Wait(TimeSpan.FromSeconds(20));
            Interlocked.Decrement(ref running);
            return true;
        }, CancellationToken.None))).ToArray();

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Volatile.Read(ref running) < 2)
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        // time for a third to slip in if the gate let it
        await Task.Delay(300);
        Assert.Equal(2, Volatile.Read(ref running));
        release.Set();
        Assert.All(await Task.WhenAll(callers), Assert.True);
        Assert.Equal(2, most);
    }

    [Fact]
    public void Zero_means_one_slot_per_core()
    {
        using var gate = new CodecGate(Options.Create(new ImageWorkerOptions { CodecConcurrency = 0 }));
        Assert.Equal(Environment.ProcessorCount, gate.Slots);
    }

    [Fact]
    public async Task A_failing_image_gives_its_slot_back_and_a_cancelled_wait_takes_none()
    {
        using var gate = new CodecGate(Options.Create(new ImageWorkerOptions { CodecConcurrency = 1 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(() => throw new InvalidOperationException("corrupt"), CancellationToken.None));

        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var holder = Task.Run(() => gate.RunAsync(() =>
        {
            entered.Set();
            return release.Wait(TimeSpan.FromSeconds(10));
        }, CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        // the slot is held, so this one waits and is cancelled without running
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.RunAsync(() => ran = true, cancel.Token));
        release.Set();
        Assert.True(await holder);
        Assert.False(ran);
        Assert.Equal(42, await gate.RunAsync(() => 42, CancellationToken.None));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
