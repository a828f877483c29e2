using ImageMagick;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>
/// Issue 10, item 7: the codec memory images share is sized from the codec slots, and running out of it is not the
/// image's fault — the image is tried again alone, and only failing alone makes it too_large.
/// </summary>
public sealed class CodecMemoryTests
{
    [Fact]
    public void The_pixel_cache_is_derived_from_the_codec_slots()
    {
        var options = new ImageWorkerOptions { CodecConcurrency = 3, MaxImagePixels = 10_000_000 };

        Assert.Equal(3L * 10_000_000 * CodecMemoryBudget.BytesPerPixel, CodecMemoryBudget.MagickMemoryBytes(options));
        Assert.Equal(123_456_789L, CodecMemoryBudget.MagickMemoryBytes(new ImageWorkerOptions { MagickMemoryBytes = 123_456_789 }));
    }

    [Fact]
    public void A_pixel_cache_too_small_for_the_slots_fails_at_start()
    {
        // 4 slots × 50 MP × 8 bytes is 1.6 GB; the old fixed 1 GiB is not enough for them
        using var host = TestServices.Build(new Dictionary<string, string?>
        {
            ["ImageWorker:CodecConcurrency"] = "4",
            ["ImageWorker:MagickMemoryBytes"] = (1024L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ImageWorkerOptions>>().Value);

        Assert.Contains("ImageWorker:MagickMemoryBytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exhausted_pixel_cache_is_the_processs_not_the_images()
    {
        var exhausted = MagickFailures.Classify(new MagickCacheErrorException("CacheResourcesExhausted `' @ error/cache.c/OpenPixelCache/4095"));
        var tooWide = MagickFailures.Classify(new MagickResourceLimitErrorException("WidthOrHeightExceedsLimit `' @ error/cache.c/OpenPixelCache/3913"));

        Assert.IsType<CodecMemoryExhaustedException>(exhausted);
        Assert.Equal(ImageFailureReasons.TooLarge, Assert.IsType<ImageFailureException>(tooWide).ReasonCode);
    }

    [Fact]
    public async Task An_image_that_ran_out_of_shared_memory_is_retried_alone_and_succeeds()
    {
        using var gate = new CodecGate(Options.Create(new ImageWorkerOptions { CodecConcurrency = 2 }));
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var running = 0;
        // another client's large image, holding the other slot (and, in this story, the memory)
        var neighbour = Task.Run(() => gate.RunAsync(() =>
        {
            Interlocked.Increment(ref running);
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(20));
            Interlocked.Decrement(ref running);
            return "neighbour";
        }, CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        var attempts = 0;
        var othersOnSuccess = -1;

        var image = gate.RunAsync(() =>
        {
            attempts++;
            var others = Volatile.Read(ref running);
            if (others > 0)
            {
                throw new CodecMemoryExhaustedException("the cache is full");
            }
            othersOnSuccess = others;
            return "image";
        }, CancellationToken.None);
        // the retry waits for the neighbour's slot: it must not have run again yet
        await Task.Delay(200);
        Assert.False(image.IsCompleted);
        release.Set();

        Assert.Equal("image", await image);
        Assert.Equal("neighbour", await neighbour);
        Assert.Equal(2, attempts);
        Assert.Equal(0, othersOnSuccess);
    }

    [Fact]
    public async Task An_image_that_runs_out_of_memory_even_alone_is_too_large()
    {
        using var gate = new CodecGate(Options.Create(new ImageWorkerOptions { CodecConcurrency = 2 }));
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => gate.RunAsync<int>(() =>
        {
            attempts++;
            throw new CodecMemoryExhaustedException("the cache is full");
        }, CancellationToken.None));

        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
        Assert.Equal(2, attempts);
        // every slot was given back
        Assert.Equal(2, await Task.WhenAll(gate.RunAsync(() => 1, CancellationToken.None), gate.RunAsync(() => 1, CancellationToken.None)).ContinueWith(t => t.Result.Sum(), TaskScheduler.Default));
    }
}
