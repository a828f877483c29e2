using System.Diagnostics;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Images;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>
/// ImageWorker:MaxCodecTime: an image that takes longer fails as too_complex and gives its codec slot back, so a
/// pathological image cannot hold a slot while the images behind it wait.
/// </summary>
public sealed class MaxCodecTimeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    // noise: quantising it is tens of seconds of single-threaded libimagequant work, which nothing can interrupt, and
    // ImageMagick's adaptive filtering of it seconds
    private static readonly Lazy<byte[]> Pathological = new(() => VipsTestImages.NoisePng(2000, 2000, compression: 1));

    // generous: on a loaded 2-core machine thread start and the next image's decode take their time, but the image
    // itself would hold the slot for many seconds (~90 s with vips at 9 MP, 6 s with ImageMagick)
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(ImageCodecEngine.Vips)]
    [InlineData(ImageCodecEngine.Magick)]
    public async Task A_pathological_image_fails_as_too_complex_and_frees_its_slot_for_the_next(ImageCodecEngine engine)
    {
        var options = new ImageWorkerOptions { MaxCodecTime = Budget, CodecConcurrency = 1 };
        var limited = Compressors.Create(engine, options);
        using var gate = new CodecGate(Options.Create(options));
        var small = TestImages.Jpeg(320, 240);
        var pathological = Pathological.Value;

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() => gate.RunAsync(() => limited.Compress(pathological), CancellationToken.None));
        var held = clock.Elapsed;
        // the one slot is free again: the next image gets it and completes
        var next = await gate.RunAsync(() => Compressors.Create(engine).Compress(small), CancellationToken.None);

        Assert.Equal(ImageFailureReasons.TooComplex, failure.ReasonCode);
        Assert.Contains("ImageWorker:MaxCodecTime", failure.Message, StringComparison.Ordinal);
        Assert.False(next.KeptSource);
        output.WriteLine($"{engine}: slot held {held.TotalMilliseconds:0} ms with a {Budget.TotalMilliseconds:0} ms budget");
        Assert.True(held < Budget + Slack, $"the slot was held {held.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void The_budget_must_be_positive()
    {
        using var host = TestServices.Build(new Dictionary<string, string?> { ["ImageWorker:MaxCodecTime"] = "00:00:00" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ImageWorkerOptions>>().Value);

        Assert.Contains("ImageWorker:MaxCodecTime", failure.Message, StringComparison.Ordinal);
    }
}
