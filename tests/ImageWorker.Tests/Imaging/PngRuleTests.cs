using ImageMagick;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Images;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>The PNG rule of the vips engine: a palette when it is smaller and close enough, else lossless.</summary>
public sealed class PngRuleTests(ITestOutputHelper log)
{
    [Fact]
    public void A_photo_png_becomes_a_palette_image_close_to_the_source()
    {
        var source = TestImages.Png(640, 480, zlibLevel: 9);

        // this generated photo is grainier than real ones (its palette scores ~0.92, under the default 0.95)
        var result = Compressors.Create(ImageCodecEngine.Vips, new ImageWorkerOptions { PngMinSsim = 0.9, MaxCodecTime = TimeSpan.FromMinutes(10) }).Compress(source);

        Assert.Equal(PngFile.Palette, PngFile.ColourType(result.Content.Span));
        Assert.True(result.Content.Length < source.Length * 0.6, $"{result.Content.Length} bytes from {source.Length}");
        // ImageMagick's own SSIM, full resolution, as an independent check of the threshold's meaning
        using var original = new MagickImage(source);
        using var palette = new MagickImage(result.Content.Span);
        var similarity = 1 - original.Compare(palette, ErrorMetric.StructuralDissimilarity);
        log.WriteLine($"{source.Length} -> {result.Content.Length} bytes; ImageMagick SSIM {similarity:F4}");
        Assert.True(similarity > 0.9, $"SSIM {similarity:F4}");
    }

    [Fact]
    public void Below_the_threshold_the_png_is_written_losslessly()
    {
        // an SSIM of 1 is never reached by a palette of a photo
        var source = VipsTestImages.PhotoPng(640, 480);

        var result = Compressors.Create(ImageCodecEngine.Vips, new ImageWorkerOptions { PngMinSsim = 1.0, MaxCodecTime = TimeSpan.FromMinutes(10) }).Compress(source);

        log.WriteLine($"{source.Length} -> {result.Content.Length} bytes");
        Assert.False(result.KeptSource);
        Assert.Equal(PngFile.Truecolour, PngFile.ColourType(result.Content.Span));
        using var original = new MagickImage(source);
        using var lossless = new MagickImage(result.Content.Span);
        Assert.Equal(0, original.Compare(lossless, ErrorMetric.Absolute));
    }

    [Fact]
    public void The_default_threshold_refuses_a_palette_that_scores_under_it()
    {
        // the same grainy photo as above: its palette is smaller, but its SSIM (~0.92) is under the default 0.95
        var source = TestImages.Png(640, 480, zlibLevel: 9);

        var result = Compressors.Create(ImageCodecEngine.Vips).Compress(source);

        // lossless, or the source itself when lossless is not smaller; without the check the palette (~37%) would win
        Assert.Equal(PngFile.Truecolour, PngFile.ColourType(result.Content.Span));
    }

    [Fact]
    public void Transparency_is_kept_through_the_palette()
    {
        var source = VipsTestImages.TransparentPng(512, 256);

        var result = Compressors.Create(ImageCodecEngine.Vips).Compress(source);

        Assert.Equal(PngFile.Palette, PngFile.ColourType(result.Content.Span));
        Assert.True(PngFile.HasTransparencyChunk(result.Content.Span));
        using var output = new MagickImage(result.Content.Span);
        Assert.True(output.HasAlpha);
        using var pixels = output.GetPixels();
        // transparent in the corner, opaque in the middle
        Assert.Equal(0, pixels.GetPixel(2, 2).ToColor()!.A);
        Assert.Equal(255, pixels.GetPixel(256, 128).ToColor()!.A);
    }
}
