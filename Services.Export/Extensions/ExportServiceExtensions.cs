using ImagePipeline.Export.Clients;
using ImagePipeline.Export.Consumers;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.Export.Extensions;

/// <summary>Everything the Export service registers.</summary>
public static class ExportServiceExtensions
{
    public const string DatabaseName = "exportdb";

    public static TBuilder AddExportServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<ExportOptions>()
            .BindConfiguration(ExportOptions.SectionName)
            .Validate(options => Uri.TryCreate(options.IngestBaseUrl, UriKind.Absolute, out _), $"{ExportOptions.SectionName}:{nameof(ExportOptions.IngestBaseUrl)} must be an absolute URL.")
            .Validate(options => options.RowsReadTimeout > TimeSpan.Zero, $"{ExportOptions.SectionName}:{nameof(ExportOptions.RowsReadTimeout)} must be positive.")
            .Validate(options => options.ConcurrentExports > 0, $"{ExportOptions.SectionName}:{nameof(ExportOptions.ConcurrentExports)} must be positive.")
            .ValidateOnStart();

        builder.AddFileStore();
        builder.AddExportStore();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<ExportRequestedConsumer, ExportRequestedConsumerDefinition>();
            bus.AddConsumer<RequestPurgedConsumer, RequestPurgedConsumerDefinition>();
        });
        builder.Services.AddHttpClient<IngestClient>((services, http) =>
            http.BaseAddress = new Uri(services.GetRequiredService<IOptions<ExportOptions>>().Value.IngestBaseUrl.TrimEnd('/') + "/"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The export store named by <c>ConnectionStrings:exportdb</c>.</summary>
    public static TBuilder AddExportStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStore<IExportStore, MongoExportStore, MongoExportSchema>(
            DatabaseName, database => new SqliteExportStore(database), database => new SqliteExportSchema(database));
        return builder;
    }
}
