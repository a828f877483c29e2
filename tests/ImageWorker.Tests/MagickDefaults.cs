using System.Runtime.CompilerServices;
using ImageMagick;

namespace ImagePipeline.ImageWorker.Tests;

/// <summary>
/// Starts ImageMagick with its default policy before any test runs. The worker applies its restrictive policy in its
/// start-up step (<c>NativeImagingStartup</c>), and <c>ImageCodecExtensions.CreateCodec</c> applies it again for a codec
/// built without the host, as these tests build theirs; whichever came first here would bind the policy for the whole
/// process and refuse the generators these tests make images with. ImageWorker.PolicyTests checks the policy itself,
/// in a process of its own.
/// </summary>
internal static class MagickDefaults
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        using var warm = new MagickImage(MagickColors.White, 1, 1);
    }
}
