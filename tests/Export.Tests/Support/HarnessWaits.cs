using MassTransit.Testing;

namespace ImagePipeline.Export.Tests.Support;

/// <summary>
/// Bounded waits on the harness's published messages. The harness itself gives up after its inactivity timeout, which
/// a slow export can outlast; these wait on a deadline of their own instead.
/// </summary>
public static class HarnessWaits
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first <paramref name="count"/> published messages matching <paramref name="match"/>; fewer if the time runs out.</summary>
    public static async Task<List<T>> WaitForPublishedAsync<T>(this ITestHarness harness, int count, Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(match);

        var found = new List<T>();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await foreach (var published in harness.Published.SelectAsync<T>(deadline.Token))
            {
                if (match(published.Context.Message))
                {
                    found.Add(published.Context.Message);
                    if (found.Count == count)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // out of time: the caller asserts on what arrived
        }
        return found;
    }

    /// <summary>The messages of type <typeparamref name="T"/> published so far, after a short settling pause.</summary>
    public static Task<List<T>> PublishedSoFarAsync<T>(this ITestHarness harness, Func<T, bool> match) where T : class =>
        harness.WaitForPublishedAsync(int.MaxValue, match, TimeSpan.FromMilliseconds(300));
}
