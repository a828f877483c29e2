namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The process-wide setup of both native libraries: ImageMagick's policy and resource limits (<see cref="MagickLimits"/>)
/// and libvips' settings and loader block (<see cref="VipsSetup"/>). ImageMagick is always set up because it also
/// serves the vips engine (a JPEG's estimated quality). Idempotent: the policy and the vips settings bind once per
/// process, the limits are set again to the same values.
/// </summary>
public static class NativeImaging
{
    public static void Apply(ImageWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MagickLimits.Apply(options);
        VipsSetup.Apply();
    }
}
