using ImagePipeline.Csv;
using ImagePipeline.Ingest.Consumers;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Events;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Reconciliation;
using ImagePipeline.Ingest.Retention;
using ImagePipeline.Storage;
using MassTransit;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Extensions;

public static class IngestServiceExtensions
{
    public const string DatabaseConnectionName = "ingestdb";

    /// <summary>Everything Ingest needs: the bus and its consumers, the file store, the CSV reader and the request store.</summary>
    public static IHostApplicationBuilder AddIngestServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddFileStore();
        builder.AddMessaging(AddConsumers);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(builder.Configuration.GetSection(CsvLimits.SectionName).Get<CsvLimits>() ?? new CsvLimits());
        builder.Services.AddSingleton<ProductCsvReader>();
        builder.Services.AddSingleton<UploadedProducts>();
        builder.Services.AddSingleton<RequestLifecycle>();
        builder.Services.AddScoped<ImageResultRecorder>();
        builder.Services.AddOptions<IngestOptions>()
            .Bind(builder.Configuration.GetSection(IngestOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ProgressOptions>()
            .Bind(builder.Configuration.GetSection(ProgressOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RequestEventAnnouncer>();
        builder.Services.AddSingleton<WorkerRoster>();
        builder.Services.AddSingleton<OriginPacer>();
        builder.Services.AddSingleton<DispatchPolicy>();
        builder.Services.AddSingleton<ImageDispatcher>();
        builder.Services.AddHostedService<DispatchTicker>();
        builder.Services.AddSingleton<ReconcilerMetrics>();
        builder.Services.AddHostedService<RequestReconciler>();
        builder.Services.AddOptions<RetentionOptions>()
            .Bind(builder.Configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<RequestPurger>();
        builder.Services.AddHostedService<RetentionSweeper>();
        builder.AddIngestStore();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Ingest's consumers; tests register the same set on the MassTransit test harness.</summary>
    public static void AddConsumers(MassTransit.IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<RequestSubmittedConsumer>();
        bus.AddConsumer<ImageProcessedConsumer>();
        bus.AddConsumer<ImageFailedConsumer>();
        bus.AddConsumer<OutputCsvReadyConsumer>();
        bus.AddConsumer<RequestCompletionRecordedConsumer>();
        bus.AddConsumer<WorkerCapacityConsumer, WorkerCapacityConsumerDefinition>();
        bus.AddConsumer<OriginThrottledConsumer, OriginThrottledConsumerDefinition>();
    }

    /// <summary>The request store named by <c>ConnectionStrings:ingestdb</c>: MongoDB for <c>mongodb://</c>, else a SQLite file.</summary>
    public static IHostApplicationBuilder AddIngestStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStore<IIngestStore, MongoIngestStore, MongoIngestSchema>(
            DatabaseConnectionName, database => new SqliteIngestStore(database), database => new SqliteIngestSchema(database));
        return builder;
    }
}
