using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// libvips' process-wide settings for the worker: one thread per image (parallelism comes from the codec slots, as with
/// ImageMagick), no operation cache (every image is new; a cache would only hold memory), and only the four loaders the
/// worker calls may run. The loaders are pinned from the magic bytes already; the block is the second lock, as
/// ImageMagick's policy is: SVG, PDF, HEIF, TIFF, matrix, CSV and every other loader are refused. Part of the worker's
/// start-up step, <see cref="NativeImaging"/>.
/// </summary>
public static class VipsSetup
{
    /// <summary>The loaders left unblocked, by libvips operation name.</summary>
    public static readonly IReadOnlyList<string> AllowedLoaders = ["jpegload_buffer", "pngload_buffer", "gifload_buffer", "webpload_buffer"];

    private static readonly Lazy<bool> Applied = new(() =>
    {
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        // loaders libvips itself marks untrusted (magick, pdf, …), then every loader, then ours again
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            // unblocking works by class name (VipsForeignLoadJpegBuffer …), not by the operation's nickname
            var type = NetVips.NetVips.TypeFind("VipsOperation", loader);
            Operation.Block(NetVips.NetVips.TypeName(type), false);
        }
        return true;
    });

    /// <summary>Applies the settings once per process.</summary>
    public static void Apply() => _ = Applied.Value;
}
