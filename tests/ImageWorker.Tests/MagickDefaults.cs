using System.Runtime.CompilerServices;
using ImageMagick;

namespace ImagePipeline.ImageWorker.Tests;

/// <summary>
/// Starts ImageMagick with its default policy before any test runs. The worker's restrictive policy (applied by the
/// compressor) would otherwise bind whenever a compressor happened to be built first, and then refuse the generators
/// these tests make images with. ImageWorker.PolicyTests checks the policy itself, in a process of its own.
/// </summary>
internal static class MagickDefaults
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        using var warm = new MagickImage(MagickColors.White, 1, 1);
    }
}
