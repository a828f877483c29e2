using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>
/// Decompression bombs are refused as too large from their headers. (That no pixel memory is spent on them is
/// <see cref="BombMemoryTests"/>; how fast is a benchmark's question.)
/// </summary>
public sealed class BombRefusalTests(ITestOutputHelper output)
{
    public static TheoryData<string, ImageCodecEngine> Bombs()
    {
        var data = new TheoryData<string, ImageCodecEngine>();
        foreach (var name in BombSamples.All.Keys)
        {
            data.Add(name, ImageCodecEngine.Vips);
            data.Add(name, ImageCodecEngine.Magick);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_bomb_is_refused_as_too_large(string name, ImageCodecEngine engine)
    {
        var bomb = BombSamples.All[name]();
        var compressor = Compressors.Create(engine);

        var failure = Assert.Throws<ImageFailureException>(() => compressor.Compress(bomb));

        output.WriteLine($"{name} ({bomb.Length:N0} bytes): {failure.ReasonCode} — {failure.Message}");
        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
    }
}
