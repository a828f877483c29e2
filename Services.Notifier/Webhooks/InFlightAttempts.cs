namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The attempts one dispatcher has in flight: a semaphore bounds them all (<c>Webhooks:MaxParallelDeliveries</c>), a
/// count per host bounds each host's share (<c>Webhooks:MaxConnectionsPerHost</c>). The dispatcher claims no more than
/// the free slots and nothing for a full host, so entering never waits.
/// </summary>
public sealed class InFlightAttempts : IDisposable
{
    private readonly int _maxParallel;
    private readonly int _maxPerHost;
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, int> _perHost = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public InFlightAttempts(int maxParallel, int maxPerHost)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxParallel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerHost);
        _maxParallel = maxParallel;
        _maxPerHost = maxPerHost;
        _slots = new SemaphoreSlim(maxParallel, maxParallel);
    }

    public int FreeSlots => _slots.CurrentCount;

    /// <summary>Hosts with their whole share in flight: the next claim must skip them.</summary>
    public IReadOnlyCollection<string> FullHosts()
    {
        lock (_lock)
        {
            return [.. _perHost.Where(entry => entry.Value >= _maxPerHost).Select(entry => entry.Key)];
        }
    }

    /// <summary>Takes a slot and a share of <paramref name="host"/> for a claimed attempt.</summary>
    public void Enter(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!_slots.Wait(0))
        {
            throw new InvalidOperationException("An attempt was claimed without a free slot.");
        }
        lock (_lock)
        {
            _perHost[host] = _perHost.GetValueOrDefault(host) + 1;
        }
    }

    public void Leave(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_lock)
        {
            if (_perHost.TryGetValue(host, out var count))
            {
                if (count <= 1)
                {
                    _perHost.Remove(host);
                }
                else
                {
                    _perHost[host] = count - 1;
                }
            }
        }
        _slots.Release();
    }

    /// <summary>Waits until every attempt has left, by taking every slot (the dispatcher claims nothing more by then).</summary>
    public async Task DrainAsync()
    {
        for (var i = 0; i < _maxParallel; i++)
        {
            await _slots.WaitAsync();
        }
    }

    public void Dispose() => _slots.Dispose();
}
