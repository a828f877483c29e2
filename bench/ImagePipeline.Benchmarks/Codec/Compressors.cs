using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Benchmarks.Codec;

/// <summary>The worker's own compressor at the worker's default settings (limits and policy applied as in the service).</summary>
public static class Compressors
{
    public static ImageCompressor Default() => For(new ImageWorkerOptions().Codec);

    /// <summary>The compressor on <paramref name="engine"/> (and the PNG rule's settings), otherwise at the defaults.</summary>
    public static ImageCompressor For(ImageCodecEngine engine, double pngMinSsim = 0.95, double pngUnditheredMegapixels = 10)
    {
        var options = Options.Create(new ImageWorkerOptions { Codec = engine, PngMinSsim = pngMinSsim, PngUnditheredMegapixels = pngUnditheredMegapixels });
        return new ImageCompressor(ImageCodecExtensions.CreateCodec(options), options);
    }
}
