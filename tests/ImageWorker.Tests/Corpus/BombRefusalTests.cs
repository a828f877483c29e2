using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>
/// Decompression bombs are refused as too large from their headers. (That no pixel memory is spent on them is
/// <see cref="BombMemoryTests"/>; how fast is a benchmark's question.)
/// </summary>
public sealed class BombRefusalTests(ITestOutputHelper output)
{
    // default limits only: ImageMagick's limits are process-wide, and tests run in parallel
    private readonly ImageCompressor _compressor = new(Options.Create(new ImageWorkerOptions()));

    public static TheoryData<string> Bombs => [.. BombSamples.All.Keys];

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_bomb_is_refused_as_too_large(string name)
    {
        var bomb = BombSamples.All[name]();

        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(bomb));

        output.WriteLine($"{name} ({bomb.Length:N0} bytes): {failure.ReasonCode} — {failure.Message}");
        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
    }
}
