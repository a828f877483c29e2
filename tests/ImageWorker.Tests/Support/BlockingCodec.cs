using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>
/// A codec whose every call blocks, ignoring its deadline as libimagequant does, until the test releases it: native
/// work that cannot be interrupted, without burning a core for it.
/// </summary>
internal sealed class BlockingCodec : IImageCodec, IDisposable
{
    private readonly SemaphoreSlim _release = new(0);
    private int _running;

    public ImageCodecEngine Engine => ImageCodecEngine.Vips;

    /// <summary>Calls inside <see cref="Encode"/> now, abandoned or not.</summary>
    public int Running => Volatile.Read(ref _running);

    public EncodedImage Encode(ReadOnlyMemory<byte> source, ImageFormat format, CodecDeadline deadline)
    {
        Interlocked.Increment(ref _running);
        try
        {
            _release.Wait();
            return new EncodedImage([1], 1, 1, 1, 0, 0);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Lets one blocked call (or the next one to arrive) finish.</summary>
    public void ReleaseOne() => _release.Release();

    public void Dispose() => _release.Dispose();
}
