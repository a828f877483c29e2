using System.Text;
using ImageMagick;
using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.PolicyTests;

public sealed class MagickPolicyTests
{
    public static TheoryData<MagickFormat, string> DangerousInputs => new()
    {
        { MagickFormat.Svg, "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>" },
        { MagickFormat.Mvg, "push graphic-context\nviewbox 0 0 8 8\nimage over 0,0 8,8 'text:/etc/passwd'\npop graphic-context\n" },
        { MagickFormat.Msl, "<?xml version='1.0'?><image><read filename='/etc/passwd'/></image>" },
        { MagickFormat.Ps, "%!PS\n/Courier findfont 10 scalefont setfont 10 10 moveto (x) show showpage\n" },
        { MagickFormat.Eps, "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 8 8\nshowpage\n" },
        { MagickFormat.Pdf, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" },
        { MagickFormat.Xps, "PK\u0003\u0004" },
        { MagickFormat.Text, "/etc/passwd" },
        { MagickFormat.Txt, "# ImageMagick pixel enumeration: 1,1,255,srgb\n0,0: (255,0,0)\n" },
        // loopback discard port: even if the policy failed, nothing would leave this machine
        { MagickFormat.Http, "//127.0.0.1:9/x.png" },
        { MagickFormat.Https, "//127.0.0.1:9/x.png" },
    };

    [Theory]
    [MemberData(nameof(DangerousInputs))]
    public void Dangerous_coders_are_refused_by_the_policy(MagickFormat format, string content)
    {
        var exception = Assert.ThrowsAny<MagickException>(() =>
        {
            using var image = new MagickImage(Encoding.UTF8.GetBytes(content), new MagickReadSettings { Format = format });
        });

        Assert.Contains("not authorized", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s.jpg", "jpeg", ImageCodecEngine.Magick)]
    [InlineData("s.png", "png", ImageCodecEngine.Magick)]
    [InlineData("s.gif", "gif", ImageCodecEngine.Magick)]
    [InlineData("s.webp", "webp", ImageCodecEngine.Magick)]
    [InlineData("cmyk.jpg", "jpeg", ImageCodecEngine.Magick)]
    [InlineData("s.jpg", "jpeg", ImageCodecEngine.Vips)]
    [InlineData("s.png", "png", ImageCodecEngine.Vips)]
    [InlineData("s.gif", "gif", ImageCodecEngine.Vips)]
    [InlineData("s.webp", "webp", ImageCodecEngine.Vips)]
    [InlineData("cmyk.jpg", "jpeg", ImageCodecEngine.Vips)]
    public void The_formats_the_worker_handles_still_compress_under_the_policy(string sample, string format, ImageCodecEngine engine)
    {
        // the vips engine reads a JPEG's quality through ImageMagick, so it runs under the policy too
        var options = Options.Create(new ImageWorkerOptions { Codec = engine });
        var compressor = new ImageCompressor(ImageCodecExtensions.CreateCodec(options), options);

        var result = compressor.Compress(Samples.Read(sample));

        Assert.Equal(format, result.Format.Name);
        using var output = new MagickImage(result.Content.Span);
        Assert.Equal(ColorSpace.sRGB, output.ColorSpace);
    }
}
