using Xunit;

namespace ImagePipeline.TestSupport.Waiting;

/// <summary>Bounded polling for conditions that become true asynchronously, on a deadline of the test's own.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="DefaultTimeout"/>, naming <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(condition, DefaultTimeout, what);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>, naming <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), timeout, what);
    }

    /// <inheritdoc cref="TrueAsync(Func{bool}, TimeSpan, string)"/>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => TrueAsync(condition, timeout, Step, what);

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="interval"/> until it holds; fails the test after
    /// <paramref name="timeout"/>, naming <paramref name="what"/>. For a condition that is costly to check (a CLI run,
    /// a broker connection), which the default step would repeat back to back.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan interval, string what)
    {
        if (!await PollAsync(condition, timeout, interval))
        {
            Assert.Fail($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; whether it held, for a caller that asserts on what arrived.</summary>
    public static Task<bool> WithinAsync(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WithinAsync(() => Task.FromResult(condition()), timeout);
    }

    /// <inheritdoc cref="WithinAsync(Func{bool}, TimeSpan)"/>
    public static Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan timeout) => PollAsync(condition, timeout, Step);

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(interval);
        }
        return true;
    }
}
