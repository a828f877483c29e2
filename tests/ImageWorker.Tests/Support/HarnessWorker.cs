using ImagePipeline.Contracts;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Messaging;
using MassTransit.Testing;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>
/// The real worker (<see cref="TestServices"/>) with its consumer on a started MassTransit test harness. Its waits are
/// <see cref="HarnessLists"/>'s, on a deadline of their own: the harness's inactivity timer trips mid-image on a busy machine.
/// </summary>
internal sealed record HarnessWorker(WorkerApp Host, ITestHarness Harness, IFileStore Files) : IAsyncDisposable
{
    /// <summary>The <typeparamref name="T"/> messages published so far.</summary>
    public T[] Published<T>() where T : class => Harness.PublishedNow<T>();

    /// <summary>The ProcessImage messages the consumer has finished with so far, each with the exception it threw, if any.</summary>
    public IReceivedMessage<ProcessImage>[] Consumed() => Harness.ConsumedNow<ProcessImage>();

    /// <summary>Waits (bounded) until the consumer has finished with <paramref name="count"/> messages, whether it succeeded or threw.</summary>
    public Task ConsumedAsync(int count = 1) => Eventually.TrueAsync(() => Consumed().Length >= count, $"{count} ProcessImage consumed");

    /// <summary>Waits (bounded) for the consumer to finish and a <typeparamref name="T"/> to be published, and returns the only one.</summary>
    public async Task<T> Single<T>() where T : class
    {
        // a fault is published after the consumer has finished, the results before
        await Eventually.TrueAsync(() => Published<T>().Length > 0, $"a {typeof(T).Name}");
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
            await Host.DisposeAsync();
        }
    }
}
