using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Waiting;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>
/// What happens to a codec call past ImageWorker:MaxCodecTime that its library cannot stop: the image fails as
/// too_complex at once and its slot is freed, but the call's CPU is still spent, so no more such calls run on beside
/// the slots than there are slots; the next timed-out image keeps its slot until its own call has ended.
/// </summary>
public sealed class AbandonedCodecWorkTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] Jpeg = TestImages.Jpeg(32, 32);

    [Fact]
    public async Task A_timed_out_call_is_counted_until_it_ends_and_only_slots_many_run_abandoned()
    {
        using var codec = new BlockingCodec();
        var compressor = new ImageCompressor(codec, Options.Create(new ImageWorkerOptions { MaxCodecTime = Budget, CodecConcurrency = 1 }));

        var first = Assert.Throws<ImageFailureException>(() => compressor.Compress(Jpeg));
        Assert.Equal(ImageFailureReasons.TooComplex, first.ReasonCode);
        Assert.Equal((1, 1), (compressor.AbandonedRunning, codec.Running));

        // the one abandoned place is taken: this image waits for its own call, which ends when released
        var clock = Stopwatch.StartNew();
        var second = Task.Run(() => compressor.Compress(Jpeg));
        await Eventually.TrueAsync(() => codec.Running == 2, Timeout, "the second call running beside the abandoned first");
        await Task.Delay(Budget * 3);
        Assert.False(second.IsCompleted, "a second call past its deadline was abandoned while the first still ran");
        // both blocked calls end (which one a release lets go is the semaphore's choice)
        codec.ReleaseOne();
        codec.ReleaseOne();
        var late = await Assert.ThrowsAsync<ImageFailureException>(() => second.WaitAsync(Timeout));
        Assert.Equal(ImageFailureReasons.TooComplex, late.ReasonCode);
        Assert.True(clock.Elapsed >= Budget * 3);

        // the abandoned call's end gives its place back: the next timed-out image is abandoned at once again
        await Eventually.TrueAsync(() => codec.Running == 0 && compressor.AbandonedRunning == 0, Timeout, "both released calls ended and no abandoned call counted");
        var third = Assert.Throws<ImageFailureException>(() => compressor.Compress(Jpeg));
        Assert.Equal(ImageFailureReasons.TooComplex, third.ReasonCode);
        Assert.Equal(1, compressor.AbandonedRunning);
        codec.ReleaseOne();
        await Eventually.TrueAsync(() => compressor.AbandonedRunning == 0, Timeout, "the third abandoned call, released, no longer counted");
    }
}
