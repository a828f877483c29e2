using MassTransit.Testing;
using Xunit;

namespace ImagePipeline.TestSupport.Messaging;

/// <summary>
/// What a MassTransit test harness holds right now, and bounded waits for more. The harness's own lists wait for more
/// only until its inactivity timer fires, which a busy machine (or a test holding consumers at a rendezvous) trips
/// early; and a consumer having finished does not mean the harness has recorded everything it published yet. These
/// read a snapshot, and wait on a deadline of their own.
/// </summary>
public static class HarnessLists
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // already cancelled: the harness's lists give what they hold now instead of waiting for more
    private static readonly CancellationToken HeldNow = new(canceled: true);

    /// <summary>The <typeparamref name="T"/> messages published so far.</summary>
    public static T[] PublishedNow<T>(this ITestHarness harness) where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        return [.. harness.Published.Select<T>(HeldNow).Select(p => p.Context.Message)];
    }

    /// <summary>The <typeparamref name="T"/> messages consumers have finished with so far, each with the exception it threw, if any.</summary>
    public static IReceivedMessage<T>[] ConsumedNow<T>(this ITestHarness harness) where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        return [.. harness.Consumed.Select<T>(HeldNow)];
    }

    /// <summary>
    /// Waits until at least <paramref name="atLeast"/> <typeparamref name="T"/> messages were published, and returns every
    /// one published by then; fails the test after <see cref="Patience"/>.
    /// </summary>
    public static async Task<T[]> PublishedAsync<T>(this ITestHarness harness, int atLeast) where T : class
    {
        await UntilAsync(() => harness.PublishedNow<T>().Length >= atLeast, $"{atLeast} {typeof(T).Name} published");
        return harness.PublishedNow<T>();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="Patience"/>, naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Gave up after {Patience.TotalSeconds:0} s waiting for {what}.");
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
