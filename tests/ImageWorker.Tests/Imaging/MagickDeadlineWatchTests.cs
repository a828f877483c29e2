using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>
/// An animation goes through ImageMagick's Coalesce and Optimize, which replace the collection's frames with images that
/// inherit the old frames' progress monitors. Were those old frames collected while the next step ran, the process would
/// end with "a callback was made on a garbage collected delegate": this test host would crash, not fail.
/// </summary>
public sealed class MagickDeadlineWatchTests
{
    [Fact]
    public async Task Animated_gifs_encode_while_the_garbage_collector_runs_throughout()
    {
        var compressor = Compressors.Create(ImageCodecEngine.Magick);
        var source = TestImages.AnimatedGif(320, 200, frames: 8);
        using var done = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            var collections = 0;
            while (!done.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
                // each collection stops every thread: back to back they would starve the encodes
                Thread.Sleep(5);
            }
            return collections;
        });

        var frameCounts = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            frameCounts.Add(compressor.Compress(source).FrameCount);
        }
        await done.CancelAsync();

        Assert.All(frameCounts, count => Assert.Equal(8, count));
        Assert.True(await collector > 12, "the collector must have run throughout the encodes");
    }
}
