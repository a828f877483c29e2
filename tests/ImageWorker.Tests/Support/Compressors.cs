using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>A compressor on the given engine, set up as the worker's registration sets it up.</summary>
internal static class Compressors
{
    public static readonly TheoryData<ImageCodecEngine> Engines = [ImageCodecEngine.Vips, ImageCodecEngine.Magick];

    // default limits only for ImageMagick: its limits are process-wide, and tests run in parallel
    public static ImageCompressor Create(ImageCodecEngine engine, ImageWorkerOptions? options = null)
    {
        // the budget is wall-clock: on a shared, oversubscribed test machine an ordinary image can take a minute
        options ??= new ImageWorkerOptions { MaxCodecTime = TimeSpan.FromMinutes(10) };
        options.Codec = engine;
        var wrapped = Options.Create(options);
        return new ImageCompressor(ImageCodecExtensions.CreateCodec(wrapped), wrapped);
    }
}
