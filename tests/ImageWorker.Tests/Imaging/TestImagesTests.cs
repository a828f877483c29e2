using ImageMagick;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>The generators other test projects rely on produce what they promise.</summary>
public sealed class TestImagesTests
{
    [Fact]
    public void A_3_megapixel_jpeg_is_photo_sized()
    {
        var jpeg = TestImages.Jpeg(2048, 1536, quality: 90);

        Assert.InRange(jpeg.Length, 500_000, 4_000_000);
        using var image = new MagickImage(jpeg);
        Assert.Equal((2048u, 1536u, 90u), (image.Width, image.Height, image.Quality));
    }

    [Fact]
    public void Same_seed_same_bytes() =>
        Assert.Equal(TestImages.Png(64, 48, seed: 5), TestImages.Png(64, 48, seed: 5));

    [Fact]
    public void Special_images_carry_their_special_property()
    {
        using (var oriented = new MagickImage(TestImages.JpegWithOrientation(80, 40)))
        {
            Assert.Equal(Orientation.RightTop, oriented.Orientation);
        }
        using (var cmyk = new MagickImage(TestImages.CmykJpeg(80, 40)))
        {
            Assert.Equal(ColorSpace.CMYK, cmyk.ColorSpace);
            Assert.NotNull(cmyk.GetColorProfile());
        }
        using (var webp = new MagickImage(TestImages.WebP(80, 40)))
        {
            Assert.Equal(MagickFormat.WebP, webp.Format);
        }
        using var animation = new MagickImageCollection(TestImages.AnimatedGif(80, 40, frames: 3));
        Assert.Equal(3, animation.Count);
    }
}
