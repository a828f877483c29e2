using ImagePipeline.Csv;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Idempotency;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Gateway.Proxy;
using ImagePipeline.Gateway.Uploads;
using ImagePipeline.Storage;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Extensions;

public static class GatewayServiceExtensions
{
    public const string DatabaseConnectionName = "gatewaydb";

    /// <summary>
    /// Everything the gateway needs: body limits, API keys, the CSV reader, uploads with their idempotency keys, the
    /// gateway store, the file store, the bus and the proxy.
    /// </summary>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var csvLimits = builder.Configuration.GetSection(CsvLimits.SectionName).Get<CsvLimits>() ?? new CsvLimits();
        // an explicit ceiling: the upload endpoint lowers it per request, the proxied reads allow no body at all
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = csvLimits.MaxBytes + 64 * 1024);
        builder.Services.AddSingleton(csvLimits);
        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .Validate(uploads => uploads.PublishTimeout > TimeSpan.Zero, "Uploads:PublishTimeout must be positive.")
            .Validate(uploads => uploads.PublishRetryAfter > TimeSpan.Zero, "Uploads:PublishRetryAfter must be positive.")
            .Validate(uploads => uploads.MaxImagesPerUpload > 0, "Uploads:MaxImagesPerUpload must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<ImageBudgetOptions>()
            .BindConfiguration(ImageBudgetOptions.SectionName)
            .Validate(budget => budget.PerWindow > 0 && budget.Window > TimeSpan.Zero, "Uploads:ImageBudget:PerWindow and Window must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ImageBudget>();
        builder.Services.AddSingleton<ProductCsvReader>();
        builder.Services.AddSingleton<UploadReader>();
        builder.Services.AddScoped<UploadAcceptor>();
        builder.Services.AddSingleton<IdempotentUploads>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddUploadRateLimiting(builder.Configuration);

        builder.AddApiKeys();
        builder.AddWebhookSecrets();
        builder.AddGatewayStore();
        builder.AddFileStore();
        builder.AddMessaging(_ => { });
        var proxy = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyRoutes.Routes, ProxyRoutes.Clusters(proxy))
            .AddServiceDiscoveryDestinationResolver();
        builder.AddPublicApiDocument(proxy);
        return builder;
    }

    /// <summary>The API keys of section <c>Access</c>; a blank or short key stops the gateway at start.</summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyRing>();
        return builder;
    }

    /// <summary>The gateway store named by <c>ConnectionStrings:gatewaydb</c>: MongoDB for <c>mongodb://</c>, else a SQLite file.</summary>
    public static TBuilder AddGatewayStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStore<IGatewayStore, MongoGatewayStore, MongoGatewaySchema>(
            DatabaseConnectionName, database => new SqliteGatewayStore(database), database => new SqliteGatewaySchema(database));
        return builder;
    }
}
