using ImagePipeline.ImageWorker.Imaging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Extensions;

public static class ImageCodecExtensions
{
    /// <summary>
    /// The engine <c>ImageWorker:Codec</c> selects. The libraries' process-wide setup is the worker's start-up step
    /// (<see cref="AddNativeImagingSetup"/>); <see cref="CreateCodec"/> applies it too, for codecs built without the host.
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

    /// <summary>
    /// Applies ImageMagick's policy and limits and libvips' settings (<see cref="NativeImaging"/>) in a start-up step
    /// that runs before the bus starts: register it before the bus, since hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddNativeImagingSetup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHostedService<NativeImagingStartup>();
    }

    /// <summary>
    /// Makes the selected engine (also what tests and benchmarks use). It applies <see cref="NativeImaging"/> as well, a
    /// no-op repeat in the worker, so a codec built without the host (a test, a benchmark) never runs unrestricted.
    /// </summary>
    public static IImageCodec CreateCodec(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        NativeImaging.Apply(options.Value);
        return options.Value.Codec switch
        {
            ImageCodecEngine.Magick => new MagickImageCodec(options),
            _ => new VipsImageCodec(options),
        };
    }
}
