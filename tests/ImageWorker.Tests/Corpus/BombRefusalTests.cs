using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.TestSupport.Images;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>Decompression bombs are refused from their headers: in well under a second, before any pixel memory exists.</summary>
public sealed class BombRefusalTests(ITestOutputHelper output)
{
    // default limits only: ImageMagick's limits are process-wide, and tests run in parallel
    private readonly ImageCompressor _compressor = new(Options.Create(new ImageWorkerOptions()));

    public static TheoryData<string> Bombs => [.. BombSamples.All.Keys];

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_bomb_is_refused_as_too_large_within_a_second(string name)
    {
        var bomb = BombSamples.All[name]();
        var clock = Stopwatch.StartNew();

        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(bomb));

        clock.Stop();
        output.WriteLine($"{name} ({bomb.Length:N0} bytes): {failure.ReasonCode} in {clock.Elapsed.TotalMilliseconds:0.0} ms — {failure.Message}");
        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{name} took {clock.Elapsed.TotalMilliseconds:0} ms to refuse");
    }
}
