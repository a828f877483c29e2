using ImageMagick;
using ImageMagick.Configuration;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// ImageMagick's security policy for this process: only the four formats the worker handles may be read or written;
/// every other coder (SVG, MVG, MSL, PS/EPS/PDF, XPS, TEXT, URL, …), every delegate program and indirect <c>@file</c>
/// reads are refused. Pinning the format from the magic bytes already keeps those coders away; the policy is the
/// second lock. It only takes effect when applied before ImageMagick first runs in the process, which the worker's
/// start-up step (<see cref="NativeImaging"/>, before the bus starts) ensures.
/// </summary>
public static class MagickPolicy
{
    public const string Xml = """
        <policymap>
          <policy domain="delegate" rights="none" pattern="*" />
          <policy domain="coder" rights="none" pattern="*" />
          <policy domain="coder" rights="read | write" pattern="{GIF,JPEG,JPG,PNG,WEBP}" />
          <policy domain="path" rights="none" pattern="@*" />
        </policymap>
        """;

    private static readonly Lazy<bool> Applied = new(() =>
    {
        var configuration = ConfigurationFiles.Default;
        configuration.Policy.Data = Xml;
        MagickNET.Initialize(configuration);
        return true;
    });

    /// <summary>Applies the policy once per process.</summary>
    public static void Apply() => _ = Applied.Value;
}
