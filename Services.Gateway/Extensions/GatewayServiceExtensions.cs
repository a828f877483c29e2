using ImagePipeline.Gateway.Proxy;
using ImagePipeline.Gateway.Uploads;
using ImagePipeline.ServiceDefaults.Csv;

namespace ImagePipeline.Gateway.Extensions;

public static class GatewayServiceExtensions
{
    /// <summary>Everything the gateway needs: body limits, the CSV reader, the file store, the bus and the proxy.</summary>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var csvLimits = builder.Configuration.GetSection(CsvLimits.SectionName).Get<CsvLimits>() ?? new CsvLimits();
        // an explicit ceiling: the upload endpoint lowers it per request, everything else never needs more
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = csvLimits.MaxBytes + 64 * 1024);
        builder.Services.AddSingleton(csvLimits);
        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection(UploadOptions.SectionName));
        builder.Services.AddSingleton<ProductCsvReader>();
        builder.Services.AddSingleton<UploadReader>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddUploadRateLimiting(builder.Configuration);
        builder.Services.AddOpenApi();

        builder.AddFileStore();
        builder.AddMessaging(_ => { });
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyRoutes.Routes, ProxyRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }
}
