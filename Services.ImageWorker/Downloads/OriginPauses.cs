using System.Collections.Concurrent;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// Origins that asked this worker to wait (a <c>Retry-After</c>): every download slot of the process honours it, not
/// only the one that was told, so a throttling origin is not asked again by the other slots in the meantime.
/// </summary>
public sealed class OriginPauses(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Pause(string origin, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        _until.AddOrUpdate(origin, until, (_, current) => current > until ? current : until);
    }

    /// <summary>How long a download from <paramref name="origin"/> should still wait; zero when it may go.</summary>
    public TimeSpan RemainingFor(string origin)
    {
        if (!_until.TryGetValue(origin, out var until))
        {
            return TimeSpan.Zero;
        }
        var remaining = until - time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            return remaining;
        }
        _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(origin, until));
        return TimeSpan.Zero;
    }
}
