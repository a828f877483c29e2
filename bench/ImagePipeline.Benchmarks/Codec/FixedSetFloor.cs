using System.Diagnostics;
using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Codec;

/// <summary>
/// The floor for one exact set of images rather than a timed window: <see cref="ImageCompressor.Compress"/> on every
/// image once, <c>parallel</c> at a time, each lane taking the next image as it finishes one. This is what the whole
/// system is compared with when it processes the same set.
/// </summary>
public static class FixedSetFloor
{
    public static async Task<TimeSpan> MeasureAsync(ImageCompressor compressor, IReadOnlyList<byte[]> images, int parallel)
    {
        ArgumentNullException.ThrowIfNull(compressor);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        // each lane on its own thread-pool work item: a synchronous codec call must not hold up the others
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(lane => Task.Run(() =>
        {
            for (var i = Interlocked.Increment(ref next); i < images.Count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    _ = compressor.Compress(images[i]);
                }
                catch (ImageFailureException)
                {
                    // a failure (e.g. too_complex past MaxCodecTime) is a result in the system too: its time counts
                }
            }
        })));
        return stopwatch.Elapsed;
    }

    /// <summary>One compression of each distinct kind first: JIT and ImageMagick's first allocations are not per image.</summary>
    public static void WarmUp(ImageCompressor compressor, IEnumerable<byte[]> oneOfEachKind)
    {
        ArgumentNullException.ThrowIfNull(compressor);
        ArgumentNullException.ThrowIfNull(oneOfEachKind);
        foreach (var image in oneOfEachKind)
        {
            _ = compressor.Compress(image);
        }
    }
}
