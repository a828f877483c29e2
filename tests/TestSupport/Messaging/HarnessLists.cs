using ImagePipeline.TestSupport.Waiting;
using MassTransit.Testing;

namespace ImagePipeline.TestSupport.Messaging;

/// <summary>
/// What a MassTransit test harness holds right now, and bounded waits for more. The harness's own lists wait for more
/// only until its inactivity timer fires, which a busy machine (or a test holding consumers at a rendezvous) trips
/// early; and a consumer having finished does not mean the harness has recorded everything it published yet. These
/// read a snapshot, and wait on a deadline of their own.
/// </summary>
public static class HarnessLists
{
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
    /// one published by then; fails the test after <see cref="Eventually.DefaultTimeout"/>.
    /// </summary>
    public static async Task<T[]> PublishedAsync<T>(this ITestHarness harness, int atLeast) where T : class
    {
        await Eventually.TrueAsync(() => harness.PublishedNow<T>().Length >= atLeast, $"{atLeast} {typeof(T).Name} published");
        return harness.PublishedNow<T>();
    }

    /// <summary>
    /// The first <paramref name="count"/> published <typeparamref name="T"/> messages matching <paramref name="match"/>,
    /// waiting up to <paramref name="timeout"/> (<see cref="Eventually.DefaultTimeout"/> unless given); fewer if the time
    /// runs out: the caller asserts on what arrived.
    /// </summary>
    public static async Task<List<T>> WaitForPublishedAsync<T>(this ITestHarness harness, int count, Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(match);
        List<T> Matching() => [.. harness.PublishedNow<T>().Where(match).Take(count)];
        await Eventually.WithinAsync(() => Matching().Count >= count, timeout ?? Eventually.DefaultTimeout);
        return Matching();
    }

    /// <summary>The <typeparamref name="T"/> messages matching <paramref name="match"/> published so far, after a short settling pause.</summary>
    public static Task<List<T>> PublishedSoFarAsync<T>(this ITestHarness harness, Func<T, bool> match) where T : class =>
        harness.WaitForPublishedAsync(int.MaxValue, match, TimeSpan.FromMilliseconds(300));
}
