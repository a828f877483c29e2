using ImagePipeline.ImageWorker;
using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Benchmarks.Codec;

/// <summary>The worker's own compressor at the worker's default settings (limits and policy applied as in the service).</summary>
public static class Compressors
{
    public static ImageCompressor Default() => new(Options.Create(new ImageWorkerOptions()));
}
