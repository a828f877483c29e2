using ImagePipeline.ServiceDefaults;

namespace ImagePipeline.ServiceDefaults.Tests;

public sealed class AsyncOnceTests
{
    [Fact]
    public async Task Concurrent_callers_run_the_work_once()
    {
        var runs = 0;
        var once = new AsyncOnce(async _ =>
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(50);
        });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => once.RunAsync(CancellationToken.None)));
        await once.RunAsync(CancellationToken.None);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_failed_run_is_tried_again_by_the_next_caller()
    {
        var runs = 0;
        var once = new AsyncOnce(_ => ++runs == 1 ? throw new InvalidOperationException("not up yet") : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.RunAsync(CancellationToken.None));
        await once.RunAsync(CancellationToken.None);
        await once.RunAsync(CancellationToken.None);

        Assert.Equal(2, runs);
    }
}
