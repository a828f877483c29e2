using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Lets at most <see cref="ImageWorkerOptions.CodecSlots"/> images be compressed at once in this process. More codec
/// work than cores only fights over the caches: at 3 MP on 2 cores, four compressions at once cost about a quarter more
/// CPU per image than two (bench/RESULTS.md). The waiting is asynchronous, so a queued image holds no thread.
/// An image that ran out of the memory images share (<see cref="CodecMemoryExhaustedException"/>) is not blamed for it:
/// it is tried again holding every slot, alone in the process; only if it fails alone too is it too_large.
/// </summary>
public sealed class CodecGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    // taken before gathering every slot, so two images retrying alone never hold part of the slots each
    private readonly SemaphoreSlim _alone = new(1, 1);

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
        catch (CodecMemoryExhaustedException)
        {
            // fall through to the retry, with this slot given back first: the retry gathers every slot
        }
        finally
        {
            _slots.Release();
        }
        return await RunAloneAsync(work, cancellationToken);
    }

    private async Task<T> RunAloneAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _alone.WaitAsync(cancellationToken);
        var held = 0;
        try
        {
            for (; held < Slots; held++)
            {
                await _slots.WaitAsync(cancellationToken);
            }
            return work();
        }
        catch (CodecMemoryExhaustedException exhausted)
        {
            throw new ImageFailureException(ImageFailureReasons.TooLarge,
                "the image needs more memory than the worker has for decoding, even alone " +
                "(settings ImageWorker:MagickMemoryBytes, MaxImagePixels).", innerException: exhausted);
        }
        finally
        {
            if (held > 0)
            {
                _slots.Release(held);
            }
            _alone.Release();
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _alone.Dispose();
    }
}
