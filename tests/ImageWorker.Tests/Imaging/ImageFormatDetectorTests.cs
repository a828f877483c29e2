using System.Text;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class ImageFormatDetectorTests
{
    [Fact]
    public void Recognises_each_magic_number()
    {
        Assert.Same(ImageFormat.Jpeg, ImageFormatDetector.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Same(ImageFormat.Png, ImageFormatDetector.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Same(ImageFormat.Gif, ImageFormatDetector.Detect("GIF87a\x01\x00"u8));
        Assert.Same(ImageFormat.Gif, ImageFormatDetector.Detect("GIF89a\x01\x00"u8));
        Assert.Same(ImageFormat.WebP, ImageFormatDetector.Detect("RIFF\x24\x00\x00\x00WEBPVP8 "u8));
    }

    [Fact]
    public void Recognises_generated_images()
    {
        Assert.Same(ImageFormat.Jpeg, ImageFormatDetector.Detect(TestImages.Jpeg(16, 16)));
        Assert.Same(ImageFormat.Png, ImageFormatDetector.Detect(TestImages.Png(16, 16)));
        Assert.Same(ImageFormat.Gif, ImageFormatDetector.Detect(TestImages.Gif(16, 16)));
        Assert.Same(ImageFormat.WebP, ImageFormatDetector.Detect(TestImages.WebP(16, 16)));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file:///etc/passwd\"/></svg>")]
    [InlineData("push graphic-context viewbox 0 0 10 10 image over 0,0 0,0 'https://example.com/x.jpg'")]
    [InlineData("{\"error\":\"forbidden\"}")]
    [InlineData("GIF88a")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    public void Refuses_text_and_other_formats(string content) =>
        Assert.Null(ImageFormatDetector.Detect(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Refuses_empty_and_too_short_content()
    {
        Assert.Null(ImageFormatDetector.Detect([]));
        Assert.Null(ImageFormatDetector.Detect([0xFF, 0xD8]));
        Assert.Null(ImageFormatDetector.Detect("RIFF\0\0\0\0WEB"u8));
    }
}
