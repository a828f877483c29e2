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
    public void A_palette_under_the_threshold_at_quality_50_is_tried_again_at_90_before_lossless()
    {
        // the same grainy photo as above: its quality-50 palette is smaller, but its SSIM (~0.92) is under the default 0.95
        var source = TestImages.Png(640, 480, zlibLevel: 9);
        var pixels = Decoded(source);
        var first = PngRule.WritePalette(pixels, PngRule.PaletteQuality, large: false);
        var retry = PngRule.WritePalette(pixels, PngRule.RetryPaletteQuality, large: false);

        var result = Compressors.Create(ImageCodecEngine.Vips).Compress(source);

        var (firstSsim, retrySsim) = (PngRule.Similarity(pixels, first), PngRule.Similarity(pixels, retry));
        log.WriteLine($"{source.Length} -> q50 {first.Length} bytes, SSIM {firstSsim:F4}; q90 {retry.Length} bytes, SSIM {retrySsim:F4}; kept {result.Content.Length}");
        Assert.True(firstSsim < 0.95, $"the quality-50 palette scores {firstSsim:F4}: the test image no longer exercises the retry");
        // whichever the retry's score, the quality-50 palette is never what comes out
        Assert.NotEqual(first.Length, result.Content.Length);
        Assert.Equal(retrySsim >= 0.95 ? PngFile.Palette : PngFile.Truecolour, PngFile.ColourType(result.Content.Span));
    }

    [Fact]
    public void From_the_undithered_size_on_the_palette_is_made_without_dithering()
    {
        var source = Gradient(640, 480);
        var settings = new ImageWorkerOptions { PngMinSsim = 0, MaxCodecTime = TimeSpan.FromMinutes(10) };
        var dithered = Compressors.Create(ImageCodecEngine.Vips, settings).Compress(source);

        settings.PngUnditheredMegapixels = 0.3;
        var undithered = Compressors.Create(ImageCodecEngine.Vips, settings).Compress(source);

        log.WriteLine($"{source.Length} -> dithered {dithered.Content.Length}, undithered {undithered.Content.Length} bytes");
        Assert.Equal(PngFile.Palette, PngFile.ColourType(undithered.Content.Span));
        Assert.Equal(PngRule.WritePalette(Decoded(source), PngRule.PaletteQuality, large: true), undithered.Content.ToArray());
        // dithering's noise is what costs the bytes
        Assert.True(undithered.Content.Length < dithered.Content.Length);
    }

    // smooth colour ramps, thousands of colours: what dithering is for, and where its noise costs bytes
    private static byte[] Gradient(int width, int height)
    {
        using var xy = NetVips.Image.Xyz(width, height);
        using var x = xy[0] * (255.0 / width);
        using var y = xy[1] * (255.0 / height);
        using var z = (x + y) / 2;
        using var rgb = x.Bandjoin(y, z).Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return rgb.PngsaveBuffer(compression: 6);
    }

    // the pixels the codec hands the rule: this source is sRGB, opaque and unrotated
    private static NetVips.Image Decoded(byte[] png) =>
        NetVips.Image.PngloadBuffer(png).CopyMemory();

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
