using ImagePipeline.ImageWorker.Capacity;
using ImagePipeline.ImageWorker.Consumers;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Reuse;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImagePipeline.ImageWorker.Extensions;

public static class ImageWorkerServiceExtensions
{
    /// <summary>Everything ImageWorker needs: the file store, the bus with its consumer, the downloader and the compressor.</summary>
    public static IHostApplicationBuilder AddImageWorkerServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddFileStore();
        builder.AddMessaging(AddConsumers);
        builder.Services.AddImageProcessing(builder.Configuration);
        builder.Services.AddHostedService<CapacityHeartbeat>();
        return builder;
    }

    /// <summary>ImageWorker's consumer; tests register the same on the MassTransit test harness.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ProcessImageConsumer, ProcessImageConsumerDefinition>();
    }

    /// <summary>The settings (sections <c>ImageWorker</c> and <c>Fetch</c>), the downloader with its destination guard, and the compressor.</summary>
    public static IServiceCollection AddImageProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ImageWorkerOptions>()
            .Bind(configuration.GetSection(ImageWorkerOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.DownloadTimeout > TimeSpan.Zero && o.ConnectTimeout > TimeSpan.Zero,
                "ImageWorker:DownloadTimeout and ImageWorker:ConnectTimeout must be positive.")
            .Validate(o => o.DownloadRetryDelay >= TimeSpan.Zero && o.DownloadRetryMaxDelay >= o.DownloadRetryDelay,
                "ImageWorker:DownloadRetryDelay must be at least zero and at most ImageWorker:DownloadRetryMaxDelay.")
            .Validate(o => o.MaxCodecTime > TimeSpan.Zero, "ImageWorker:MaxCodecTime must be positive.")
            .Validate(o => o.ThrottlePatience >= TimeSpan.Zero, "ImageWorker:ThrottlePatience must be at least zero.")
            .Validate(o => o.HeartbeatInterval >= TimeSpan.FromMilliseconds(100), "ImageWorker:HeartbeatInterval must be at least 100 ms.")
            .Validate(CodecMemoryBudget.IsEnough,
                "ImageWorker:MagickMemoryBytes is below CodecSlots × MaxImagePixels × 8 bytes: one client's large images " +
                "would make another's fail. Raise it, lower ImageWorker:MaxImagePixels or CodecConcurrency, or leave it 0 to derive it.")
            .ValidateOnStart();
        services.AddImageCodec();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OriginPauses>();
        services.AddDestinationGuard(configuration);
        services.AddImageDownloader();
        services.AddSingleton<OutputReuse>();
        return services;
    }
}
