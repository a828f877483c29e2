using ImagePipeline.Notifier.Consumers;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Outbound;
using ImagePipeline.Outbound.Webhooks;
using ImagePipeline.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.Notifier.Extensions;

/// <summary>Everything the Notifier registers.</summary>
public static class NotifierServiceExtensions
{
    public const string DatabaseName = "notifierdb";

    public static TBuilder AddNotifierServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddNotifierStore();
        builder.AddWebhookDelivery();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<RequestCompletedConsumer, RequestCompletedConsumerDefinition>();
            bus.AddConsumer<RequestProgressedConsumer>();
            bus.AddConsumer<ImageResultAnnouncedConsumer>();
            bus.AddConsumer<RequestPurgedConsumer, RequestPurgedConsumerDefinition>();
        });
        builder.Services.AddProblemDetails();
        // the gateway merges the public part of it (a request's deliveries) into the one public document
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The delivery store named by <c>ConnectionStrings:notifierdb</c>.</summary>
    public static TBuilder AddNotifierStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStore<INotifierStore, MongoNotifierStore, MongoNotifierSchema>(
            DatabaseName, database => new SqliteNotifierStore(database), database => new SqliteNotifierSchema(database));
        return builder;
    }

    /// <summary>Signing, the <c>webhooks</c> HTTP client, the sender and the dispatcher of scheduled retries.</summary>
    public static TBuilder AddWebhookDelivery<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(services =>
            new WebhookSigningKeys(services.GetRequiredService<IOptions<WebhookOptions>>().Value.SigningSecret));
        builder.Services.AddSingleton<WebhookSigner>();
        builder.Services.AddSingleton(services => RetrySchedule.From(services.GetRequiredService<IOptions<WebhookOptions>>().Value));
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddDestinationGuard(builder.Configuration);
        builder.Services.AddSingleton<DeliveryRunner>();
        builder.Services.AddSingleton<DeliveryWakeUp>();
        builder.Services.AddSingleton<WebhookEventRecorder>();
        builder.Services.AddHostedService<DeliveryDispatcher>();

        builder.Services.AddHttpClient(WebhookSender.HttpClientName, (services, http) =>
                http.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            // a redirect would re-send the signed body to an address the client never registered
            // every connection goes through the destination guard: a webhook URL must not reach this machine or its network
            // a receiver that never completes the handshake gives up its dispatcher slot after the connect timeout
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<DestinationGuard>().Attach(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectTimeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.ConnectTimeout,
            }))
            // drop what ConfigureHttpClientDefaults added to every client. The standard resilience handler retries,
            // times out and breaks circuits on its own, but we own the retry schedule (in the database, over hours):
            // one attempt in the delivery log must be exactly one HTTP request, timed by Webhooks:RequestTimeout, and
            // one client's dead endpoint must not open a circuit for everyone's. Service discovery goes too: the URL
            // is the client's, and http://ingest must not resolve to our own service.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        return builder;
    }
}
