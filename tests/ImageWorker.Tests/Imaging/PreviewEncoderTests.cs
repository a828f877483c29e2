using ImageMagick;
using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.TestSupport.Images;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class PreviewEncoderTests
{
    private static readonly PreviewEncoder Encoder = new(size: 320, quality: 60);

    static PreviewEncoderTests() => ImageCodecExtensions.CreateCodec(Options.Create(new ImageWorkerOptions()));

    [Theory]
    [InlineData(3840, 2400, 320, 200)]
    [InlineData(600, 1200, 160, 320)]
    [InlineData(200, 100, 200, 100)]
    public void A_preview_is_a_small_webp_at_most_the_size_on_its_longer_side_and_never_enlarged(int width, int height, int previewWidth, int previewHeight)
    {
        var source = TestImages.Jpeg(width, height, quality: 92);

        var preview = Encoder.Encode(source);

        using var image = new MagickImage(preview);
        Assert.Equal(MagickFormat.WebP, image.Format);
        Assert.Equal(((uint)previewWidth, (uint)previewHeight), (image.Width, image.Height));
        Assert.InRange(preview.Length, 1, 30 * 1024);
    }

    [Fact]
    public void A_preview_keeps_transparency_and_shows_the_first_frame_of_an_animation()
    {
        using var transparent = new MagickImage(MagickColors.Transparent, 640, 480);
        transparent.Format = MagickFormat.Png;

        using var fromPng = new MagickImage(Encoder.Encode(transparent.ToByteArray()));
        using var fromGif = new MagickImage(Encoder.Encode(TestImages.AnimatedGif(400, 300, frames: 4)));

        Assert.True(fromPng.HasAlpha);
        Assert.Equal((320u, 240u), (fromPng.Width, fromPng.Height));
        Assert.Equal((320u, 240u), (fromGif.Width, fromGif.Height));
    }

    [Fact]
    public void A_preview_is_turned_the_way_the_photo_is_shown()
    {
        // stored 800 × 400 with orientation 6: shown 400 × 800
        using var preview = new MagickImage(Encoder.Encode(TestImages.JpegWithOrientation(800, 400)));

        Assert.Equal((160u, 320u), (preview.Width, preview.Height));
    }
}
