using ImagePipeline.Contracts;
using ImagePipeline.ServiceDefaults.Files;
using MassTransit.Testing;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>
/// The worker's services with its consumer on a started MassTransit test harness. Its waits poll on a deadline of their
/// own: the harness's lists stop waiting once its inactivity timer fires, which a busy machine trips mid-image.
/// </summary>
internal sealed record HarnessWorker(IHost Host, ITestHarness Harness, IFileStore Files) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // already cancelled: the harness's lists give what they hold now instead of waiting for more
    private static readonly CancellationToken HeldNow = new(canceled: true);

    /// <summary>The <typeparamref name="T"/> messages published so far.</summary>
    public T[] Published<T>() where T : class => [.. Harness.Published.Select<T>(HeldNow).Select(p => p.Context.Message)];

    /// <summary>The ProcessImage messages the consumer has finished with so far, each with the exception it threw, if any.</summary>
    public IReceivedMessage<ProcessImage>[] Consumed() => [.. Harness.Consumed.Select<ProcessImage>(HeldNow)];

    /// <summary>Waits (bounded) until the consumer has finished with <paramref name="count"/> messages, whether it succeeded or threw.</summary>
    public Task ConsumedAsync(int count = 1) => UntilAsync(() => Consumed().Length >= count, $"{count} ProcessImage consumed");

    /// <summary>Waits (bounded) for the consumer to finish and a <typeparamref name="T"/> to be published, and returns the only one.</summary>
    public async Task<T> Single<T>() where T : class
    {
        // a fault is published after the consumer has finished, the results before
        await UntilAsync(() => Published<T>().Length > 0, $"a {typeof(T).Name}");
        await ConsumedAsync();
        return Assert.Single(Published<T>());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Harness.Stop();
        }
        finally
        {
            Host.Dispose();
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Gave up after {Patience.TotalSeconds:0} s waiting for {what}.");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
