using System.Text;
using ImageMagick;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>The compressor's rules, which every engine must keep; one subclass per engine runs them all.</summary>
public abstract class ImageCompressorContract
{
    private readonly ImageCompressor _compressor;

    protected ImageCompressorContract(ImageCodecEngine engine)
    {
        _compressor = Compressors.Create(engine);
    }

    protected ImageCompressor Compressor => _compressor;

    [Fact]
    public void Jpeg_is_reencoded_at_half_its_quality_and_gets_smaller()
    {
        var source = TestImages.Jpeg(1024, 768, quality: 90);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.Jpeg, result.Format);
        Assert.False(result.KeptSource);
        Assert.Equal((90, 45), (result.SourceQuality, result.OutputQuality));
        Assert.Equal((1024, 768), (result.Width, result.Height));
        Assert.True(result.Content.Length < source.Length / 2, $"{result.Content.Length} bytes from {source.Length}");
        using var output = new MagickImage(result.Content.Span);
        Assert.Equal(MagickFormat.Jpeg, output.Format);
        Assert.InRange((int)output.Quality, 44, 46);
    }

    [Fact]
    public void Jpeg_quality_85_becomes_43()
    {
        var result = _compressor.Compress(TestImages.Jpeg(320, 240, quality: 85));

        Assert.Equal((85, 43), (result.SourceQuality, result.OutputQuality));
        using var output = new MagickImage(result.Content.Span);
        Assert.InRange((int)output.Quality, 42, 44);
    }

    [Fact]
    public void WebP_of_unknown_quality_is_written_at_50_and_gets_smaller()
    {
        var source = TestImages.WebP(800, 600, quality: 90);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.WebP, result.Format);
        Assert.Equal((0, 50), (result.SourceQuality, result.OutputQuality));
        Assert.True(result.Content.Length < source.Length, $"{result.Content.Length} bytes from {source.Length}");
        Assert.Same(ImageFormat.WebP, ImageFormatDetector.Detect(result.Content.Span));
    }

    [Fact]
    public void Png_stays_png_and_is_never_larger()
    {
        var source = TestImages.Png(400, 300, zlibLevel: 9);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.Png, result.Format);
        Assert.Same(ImageFormat.Png, ImageFormatDetector.Detect(result.Content.Span));
        Assert.True(result.Content.Length <= source.Length, $"{result.Content.Length} bytes from {source.Length}");
    }

    [Fact]
    public void A_flat_graphic_png_shrinks_without_a_visible_change()
    {
        // four colours: a palette of them is exact, and a lossless re-encode is too
        var source = TestImages.GraphicPng(640, 480);

        var result = _compressor.Compress(source);

        Assert.False(result.KeptSource);
        Assert.True(result.Content.Length < source.Length / 10, $"{result.Content.Length} bytes from {source.Length}");
        using var original = new MagickImage(source);
        using var output = new MagickImage(result.Content.Span);
        // anti-aliased edges may move by a palette step; nothing else may
        Assert.True(original.Compare(output, ErrorMetric.RootMeanSquared) < 0.01, $"RMSE {original.Compare(output, ErrorMetric.RootMeanSquared):F4}");
    }

    [Fact]
    public void When_reencoding_does_not_help_the_source_is_kept()
    {
        // a single-frame GIF is already as small as the GIF encoder makes it
        var source = TestImages.Gif(200, 150);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.Gif, result.Format);
        Assert.True(result.Content.Length <= source.Length);
        if (result.KeptSource)
        {
            Assert.True(result.Content.Span.SequenceEqual(source));
        }
    }

    [Fact]
    public void Animated_gif_keeps_every_frame_and_is_not_larger()
    {
        var source = TestImages.AnimatedGif(240, 160, frames: 5);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.Gif, result.Format);
        Assert.Equal(5, result.FrameCount);
        Assert.True(result.Content.Length <= source.Length, $"{result.Content.Length} bytes from {source.Length}");
        using var frames = new MagickImageCollection(result.Content.Span);
        Assert.Equal(5, frames.Count);
    }

    [Fact]
    public void Animated_webp_keeps_every_frame()
    {
        var source = TestImages.AnimatedWebP(240, 160, frames: 3, quality: 90);

        var result = _compressor.Compress(source);

        Assert.Same(ImageFormat.WebP, result.Format);
        Assert.True(result.Content.Length < source.Length, $"{result.Content.Length} bytes from {source.Length}");
        using var frames = new MagickImageCollection(result.Content.Span, new MagickReadSettings { Format = MagickFormat.WebP });
        Assert.Equal(3, frames.Count);
    }

    [Fact]
    public void Exif_orientation_is_baked_into_the_pixels()
    {
        // stored 400 × 200 with the marker top-left; orientation 6 displays it rotated 90° clockwise
        var source = TestImages.JpegWithOrientation(400, 200, orientation: 6);

        var result = _compressor.Compress(source);

        Assert.Equal((200, 400), (result.Width, result.Height));
        using var output = new MagickImage(result.Content.Span);
        Assert.Equal((200u, 400u), (output.Width, output.Height));
        Assert.Null(output.GetExifProfile());
        using var pixels = output.GetPixels();
        Assert.True(IsRed(pixels.GetPixel(200 - 12, 12).ToColor()!), "the marker should now be top-right");
        Assert.False(IsRed(pixels.GetPixel(12, 12).ToColor()!), "the top-left corner should not be the marker any more");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cmyk_becomes_srgb(bool embedProfile)
    {
        var source = TestImages.CmykJpeg(320, 240, embedProfile: embedProfile);
        using (var original = new MagickImage(source))
        {
            Assert.Equal(ColorSpace.CMYK, original.ColorSpace);
        }

        var result = _compressor.Compress(source);

        using var output = new MagickImage(result.Content.Span);
        Assert.Equal(ColorSpace.sRGB, output.ColorSpace);
        Assert.Null(output.GetColorProfile());
    }

    [Fact]
    public void Adobe_rgb_is_converted_before_its_profile_is_stripped()
    {
        const int seed = 7;
        using var reference = new MagickImage(TestImages.Jpeg(320, 240, quality: 95, seed: seed));
        var source = TestImages.AdobeRgbJpeg(320, 240, quality: 95, seed: seed);
        using var strippedOnly = new MagickImage(source);
        strippedOnly.Strip();

        var result = _compressor.Compress(source);

        using var output = new MagickImage(result.Content.Span);
        Assert.Null(output.GetColorProfile());
        // compared small, so JPEG noise averages out and the colour shift remains
        foreach (var image in new[] { reference, strippedOnly, output })
        {
            image.Resize(32, 24);
        }
        var converted = reference.Compare(output, ErrorMetric.MeanAbsolute);
        var naive = reference.Compare(strippedOnly, ErrorMetric.MeanAbsolute);
        Assert.True(converted < naive / 2, $"colour error after conversion {converted:F4}, stripping alone {naive:F4}");
    }

    [Fact]
    public void Display_p3_is_converted_before_its_profile_is_stripped()
    {
        // saturated colours, where Display P3 and sRGB differ most; libvips writes the P3 file with its P3 profile
        using var reference = new MagickImage(VipsTestImages.SrgbJpeg(320, 240));
        var source = VipsTestImages.DisplayP3Jpeg(320, 240);
        using var strippedOnly = new MagickImage(source);
        Assert.NotNull(strippedOnly.GetColorProfile());
        strippedOnly.Strip();

        var result = _compressor.Compress(source);

        using var output = new MagickImage(result.Content.Span);
        Assert.Null(output.GetColorProfile());
        foreach (var image in new[] { reference, strippedOnly, output })
        {
            image.Resize(32, 24);
        }
        var converted = reference.Compare(output, ErrorMetric.MeanAbsolute);
        var naive = reference.Compare(strippedOnly, ErrorMetric.MeanAbsolute);
        Assert.True(converted < naive / 2, $"colour error after conversion {converted:F4}, stripping alone {naive:F4}");
    }

    [Fact]
    public void Metadata_is_stripped()
    {
        var source = TestImages.JpegWithMetadata(320, 240);
        Assert.Contains("TestCam", Encoding.Latin1.GetString(source), StringComparison.Ordinal);

        var result = _compressor.Compress(source);

        using var output = new MagickImage(result.Content.Span);
        Assert.Null(output.GetExifProfile());
        Assert.Null(output.GetXmpProfile());
        Assert.Null(output.GetIptcProfile());
        Assert.True(string.IsNullOrEmpty(output.Comment));
        var text = Encoding.Latin1.GetString(result.Content.Span);
        Assert.DoesNotContain("TestCam", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret comment", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("")]
    public void Anything_but_the_four_formats_is_not_an_image(string content)
    {
        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ImageFailureReasons.NotAnImage, failure.ReasonCode);
    }

    [Fact]
    public void A_truncated_jpeg_is_corrupt()
    {
        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(TestImages.TruncatedJpeg(320, 240)));

        Assert.Equal(ImageFailureReasons.CorruptImage, failure.ReasonCode);
    }

    [Fact]
    public void Garbage_behind_a_valid_magic_number_is_corrupt()
    {
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);
        garbage[0] = 0x89;
        "PNG\r\n\x1A\n"u8.CopyTo(garbage.AsSpan(1));

        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(garbage));

        Assert.Equal(ImageFailureReasons.CorruptImage, failure.ReasonCode);
    }

    [Theory]
    [InlineData(60000, 60000)] // beyond ImageMagick's width and height limits
    [InlineData(10000, 10000)] // within them, but 100 MP is over the 50 MP budget
    public void A_header_declaring_too_many_pixels_is_too_large(int width, int height)
    {
        var bomb = TestImages.JpegDeclaringSize(width, height);

        var failure = Assert.Throws<ImageFailureException>(() => _compressor.Compress(bomb));

        Assert.Equal(ImageFailureReasons.TooLarge, failure.ReasonCode);
    }

    internal static bool IsRed(IMagickColor<byte> color) => color.R > 180 && color.G < 90 && color.B < 90;
}
