using System.Diagnostics;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>
/// Runs one operation on <c>parallel</c> lanes for a fixed time and counts completions. A warm-up of a few operations per
/// lane goes first (JIT, ImageMagick's first allocations, connection pools); the window ends when every lane has
/// finished the operation it was in when time ran out, so no work in flight is counted without its time.
/// </summary>
public static class Throughput
{
    public static async Task<ThroughputResult> MeasureAsync(int parallel, TimeSpan duration, Func<int, Task> operation, int warmupPerLane = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var next = -1;
        await RunLanesAsync(parallel, lane => LoopAsync(() => Interlocked.Increment(ref next) < parallel * warmupPerLane, () => next, operation));

        var completed = 0;
        var cpu = CpuClock.Start();
        var stopwatch = Stopwatch.StartNew();
        await RunLanesAsync(parallel, _ => LoopAsync(() => stopwatch.Elapsed < duration, () => Interlocked.Increment(ref next), async index =>
        {
            await operation(index);
            Interlocked.Increment(ref completed);
        }));
        stopwatch.Stop();
        return new ThroughputResult(completed, stopwatch.Elapsed, Machine.LoadAverage(), cpu.Elapsed);
    }

    private static Task RunLanesAsync(int parallel, Func<int, Task> lane) =>
        // each lane on its own thread-pool work item: a synchronous codec call must not hold up the others
        Task.WhenAll(Enumerable.Range(0, parallel).Select(i => Task.Run(() => lane(i))));

    private static async Task LoopAsync(Func<bool> more, Func<int> index, Func<int, Task> operation)
    {
        while (more())
        {
            await operation(index());
        }
    }
}
