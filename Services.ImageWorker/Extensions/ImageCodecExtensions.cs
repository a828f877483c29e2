using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Extensions;

public static class ImageCodecExtensions
{
    /// <summary>
    /// The engine <c>ImageWorker:Codec</c> selects, with both libraries' process-wide limits and policies applied before
    /// either decodes anything: ImageMagick also serves the vips engine (a JPEG's estimated quality), so it is always
    /// set up.
    /// </summary>
    public static IServiceCollection AddImageCodec(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddSingleton<IImageCodec>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ImageWorkerOptions>>();
            return CreateCodec(options);
        });
        services.AddSingleton<ImageCompressor>();
        services.AddSingleton<CodecGate>();
        services.AddSingleton<PreviewWriter>();
        services.AddSingleton<OutputFingerprint>();
        return services;
    }

    /// <summary>Applies the process-wide setup and makes the selected engine (also what tests and benchmarks use).</summary>
    public static IImageCodec CreateCodec(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MagickLimits.Apply(options.Value);
        VipsSetup.Apply();
        return options.Value.Codec switch
        {
            ImageCodecEngine.Magick => new MagickImageCodec(options),
            _ => new VipsImageCodec(options),
        };
    }
}
