using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ImagePipeline.AppHost.Infrastructure;
using ImagePipeline.AppHost.LocalRabbitMQ;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var infrastructure = ContainerRuntime.Choose(settings.Mode, builder.ExecutionContext);
builder.Services.AddSingleton(infrastructure);
var mode = infrastructure.Mode;

// Infrastructure
IResourceBuilder<IResourceWithConnectionString> messaging =
    !string.IsNullOrEmpty(builder.Configuration.GetConnectionString("messaging")) ? builder.AddConnectionString("messaging")
    : mode == InfrastructureMode.Containers ? builder.AddRabbitMQ("messaging").WithManagementPlugin()
    : builder.AddLocalRabbitMQ("messaging", settings.RabbitMQServerPath, settings.DataDirectory, settings.RabbitMQPort);
var state = new StateResources(builder, settings, mode);
var files = state.Files("files", databaseName: "filesdb");
// the gateway's: request ownership and idempotency keys
var gatewayDb = state.Database("gatewaydb");
var ingestDb = state.Database("ingestdb");
var exportDb = state.Database("exportdb");
var notifierDb = state.Database("notifierdb");
var signingSecret = builder.AddParameter("webhook-signing-secret", new WebhookSecretDefault(), secret: true, persist: true);

// Services
var gateway = builder.AddProject<Projects.Services_Gateway>("gateway")
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithExternalHttpEndpoints();
var gatewayUrl = gateway.GetEndpoint("http");
IResourceBuilder<ProjectResource> PublicBaseUrl(IResourceBuilder<ProjectResource> service) =>
    settings.PublicBaseUrl is { } url ? service.WithEnvironment("PublicBaseUrl", url) : service.WithEnvironment("PublicBaseUrl", gatewayUrl);

var ingest = builder.AddProject<Projects.Services_Ingest>("ingest")
    .WithHttpEndpoint(name: "http")
    .WithPipelineDefaults(messaging, files, PublicBaseUrl)
    .WithDependency(ingestDb);

// no replicas runs everything but the workers (an ingest-only system, e.g. to measure the fan-out): the ProcessImage
// messages wait in the broker for whatever worker connects later
if (settings.ImageWorkerReplicas > 0)
{
    builder.AddProject<Projects.Services_ImageWorker>("imageworker")
        .WithHttpEndpoint(name: "http")
        .WithReplicas(settings.ImageWorkerReplicas)
        // Magick.NET allocates a large buffer per image; glibc handing it back to the OS each time costs 2-2.5x throughput
        .WithEnvironment("MALLOC_ARENA_MAX", "2")
        .WithEnvironment("MALLOC_MMAP_MAX_", "0")
        .WithEnvironment("MALLOC_TRIM_THRESHOLD_", "4294967295")
        // the replicas started here share this machine's cores; unless told otherwise, split them so that the codecs
        // of all replicas together never outnumber the cores
        .WithEnvironment("ImageWorker__CodecConcurrency", settings.ImageWorkerCodecConcurrency(Environment.ProcessorCount))
        .WithPipelineDefaults(messaging, files, PublicBaseUrl);
}

var export = builder.AddProject<Projects.Services_Export>("export")
    .WithHttpEndpoint(name: "http")
    .WithPipelineDefaults(messaging, files, PublicBaseUrl)
    .WithDependency(exportDb)
    .WithReference(ingest);

var notifier = builder.AddProject<Projects.Services_Notifier>("notifier")
    .WithHttpEndpoint(name: "http")
    .WithPipelineDefaults(messaging, files, PublicBaseUrl)
    .WithDependency(notifierDb)
    .WithEnvironment("Webhooks__SigningSecret", signingSecret);

gateway
    .WithPipelineDefaults(messaging, files, PublicBaseUrl)
    .WithDependency(gatewayDb)
    // the master secret: the gateway hands each API key the webhook secret derived from it
    .WithEnvironment("Webhooks__SigningSecret", signingSecret)
    .WithApiKeys()
    .WithReference(ingest)
    .WithReference(export)
    .WithReference(notifier);

builder.Build().Run();
