using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Diagnostics;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

[Collection(BombMemoryCollection.Name)]
public sealed class BombMemoryTests(ITestOutputHelper output)
{
    // a decoded 50,000 × 50,000 image would need ~10 GB at 4 bytes a pixel; refusing it should cost next to nothing
    private const long AllowedGrowth = 32L * 1024 * 1024;

    [Theory]
    [InlineData(ImageCodecEngine.Vips)]
    [InlineData(ImageCodecEngine.Magick)]
    public void Refusing_every_bomb_barely_moves_the_processs_peak_memory(ImageCodecEngine engine)
    {
        var compressor = Compressors.Create(engine);
        // warm: loading the engine's native code is not the bombs' memory
        compressor.Compress(ImagePipeline.TestSupport.Images.TestImages.Jpeg(64, 48));
        // made before the measurement: the samples themselves are the test's memory, not the worker's
        var bombs = BombSamples.All.ToDictionary(b => b.Key, b => b.Value());
        GC.Collect();
        var pid = Environment.ProcessId;
        Assert.True(ProcessMemory.TryResetPeak(pid), "the kernel would not reset VmHWM (/proc/self/clear_refs)");
        var (rssBefore, peakBefore) = ProcessMemory.Read(pid);

        foreach (var (name, bomb) in bombs)
        {
            var failure = Assert.Throws<ImageFailureException>(() => compressor.Compress(bomb));
            Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
        }

        var (rssAfter, peakAfter) = ProcessMemory.Read(pid);
        output.WriteLine($"test process {pid}: before VmRSS {ProcessMemory.Megabytes(rssBefore)}, VmHWM (reset) {ProcessMemory.Megabytes(peakBefore)}; " +
            $"after {bombs.Count} bombs VmRSS {ProcessMemory.Megabytes(rssAfter)}, VmHWM {ProcessMemory.Megabytes(peakAfter)}; " +
            $"peak growth {ProcessMemory.Megabytes(peakAfter - rssBefore)}");
        Assert.True(peakAfter - rssBefore < AllowedGrowth, $"the peak grew by {ProcessMemory.Megabytes(peakAfter - rssBefore)}");
    }
}
