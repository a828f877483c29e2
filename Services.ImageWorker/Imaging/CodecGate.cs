using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Lets at most <see cref="ImageWorkerOptions.CodecSlots"/> images be compressed at once in this process. More codec
/// work than cores only fights over the caches: at 3 MP on 2 cores, four compressions at once cost about a quarter more
/// CPU per image than two (bench/RESULTS.md). The waiting is asynchronous, so a queued image holds no thread.
/// </summary>
public sealed class CodecGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public CodecGate(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Slots = options.Value.CodecSlots;
        _slots = new SemaphoreSlim(Slots, Slots);
    }

    public int Slots { get; }

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
