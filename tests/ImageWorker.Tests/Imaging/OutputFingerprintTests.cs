using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class OutputFingerprintTests
{
    private static readonly string Default = Of(new ImageWorkerOptions());

    public static TheoryData<string, Action<ImageWorkerOptions>> ShapingSettings => new()
    {
        { "Codec", o => o.Codec = ImageCodecEngine.Magick },
        { "PngMinSsim", o => o.PngMinSsim = 0.9 },
        { "PngUnditheredMegapixels", o => o.PngUnditheredMegapixels = 5 },
        { "PreviewSize", o => o.PreviewSize = 0 },
        { "PreviewQuality", o => o.PreviewQuality = 80 },
        { "MaxDownloadBytes", o => o.MaxDownloadBytes = 1_000_000 },
        { "MaxImageWidth", o => o.MaxImageWidth = 4000 },
        { "MaxImageHeight", o => o.MaxImageHeight = 4000 },
        { "MaxImagePixels", o => o.MaxImagePixels = 1_000_000 },
        { "MaxFrames", o => o.MaxFrames = 10 },
    };

    public static TheoryData<string, Action<ImageWorkerOptions>> OtherSettings => new()
    {
        { "Concurrency", o => o.Concurrency = 16 },
        { "CodecConcurrency", o => o.CodecConcurrency = 1 },
        { "MaxCodecTime", o => o.MaxCodecTime = TimeSpan.FromSeconds(5) },
        { "DownloadTimeout", o => o.DownloadTimeout = TimeSpan.FromSeconds(1) },
        { "DownloadRetries", o => o.DownloadRetries = 0 },
        { "MaxRedirects", o => o.MaxRedirects = 0 },
    };

    [Fact]
    public void It_is_short_hex_and_the_same_for_the_same_settings()
    {
        Assert.Matches("^[0-9a-f]{16}$", Default);
        Assert.Equal(Default, Of(new ImageWorkerOptions()));
    }

    [Theory]
    [MemberData(nameof(ShapingSettings))]
    public void Every_setting_that_shapes_the_output_changes_it(string setting, Action<ImageWorkerOptions> change)
    {
        var options = new ImageWorkerOptions();
        change(options);

        Assert.True(Of(options) != Default, $"changing {setting} must change the fingerprint");
    }

    [Theory]
    [MemberData(nameof(OtherSettings))]
    public void Settings_that_do_not_shape_the_output_leave_it(string setting, Action<ImageWorkerOptions> change)
    {
        var options = new ImageWorkerOptions();
        change(options);

        Assert.True(Of(options) == Default, $"changing {setting} must not change the fingerprint");
    }

    [Fact]
    public void The_description_names_the_rule_version_and_the_libraries()
    {
        var description = OutputFingerprint.Describe(new ImageWorkerOptions());

        Assert.StartsWith($"rule={OutputFingerprint.RuleVersion};", description, StringComparison.Ordinal);
        Assert.Contains("libvips=8.", description, StringComparison.Ordinal);
        Assert.Contains("magick=", description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_registers_one_for_its_configured_settings()
    {
        using var host = TestServices.Build(new Dictionary<string, string?> { ["ImageWorker:PreviewSize"] = "64" });

        var fingerprint = host.Services.GetRequiredService<OutputFingerprint>();

        Assert.Same(fingerprint, host.Services.GetRequiredService<OutputFingerprint>());
        Assert.Equal(Of(new ImageWorkerOptions { MaxDownloadBytes = 4_000_000, PreviewSize = 64 }), fingerprint.Value);
    }

    private static string Of(ImageWorkerOptions options) => new OutputFingerprint(Options.Create(options)).Value;
}
