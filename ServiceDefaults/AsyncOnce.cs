namespace ImagePipeline.ServiceDefaults;

/// <summary>
/// Runs a piece of set-up work (a schema, indexes) once, on first use, whichever caller comes first. Unlike a cached
/// task, a failed run is not remembered: the next caller tries again, so a database that was briefly unreachable at
/// start does not break the store for the life of the process.
/// </summary>
public sealed class AsyncOnce(Func<CancellationToken, Task> work)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await work(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
