using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>The AppHost's own settings, read once at start. Every one is documented in the README.</summary>
public sealed record AppHostSettings(
    InfrastructureMode Mode,
    string DataDirectory,
    string RabbitMQServerPath,
    int RabbitMQPort,
    int GatewayPort,
    string? PublicBaseUrl,
    int ImageWorkerReplicas,
    bool MongoDataVolume = true)
{
    public const string DefaultRabbitMQServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static AppHostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var modeText = configuration["Infrastructure:Mode"] ?? nameof(InfrastructureMode.Auto);
        if (!Enum.TryParse<InfrastructureMode>(modeText, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException($"Infrastructure:Mode must be auto, containers or local; it is '{modeText}'.");
        }
        var dataDirectory = configuration["Infrastructure:DataDirectory"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ImagePipeline");

        return new AppHostSettings(
            mode,
            Path.GetFullPath(dataDirectory),
            configuration["Infrastructure:RabbitMQ:ServerPath"] ?? DefaultRabbitMQServerPath,
            configuration.GetValue("Infrastructure:RabbitMQ:Port", 0),
            configuration.GetValue("Gateway:Port", 8080),
            configuration["Gateway:PublicBaseUrl"],
            Math.Max(1, configuration.GetValue("ImageWorker:Replicas", 2)),
            configuration.GetValue("Infrastructure:MongoDB:DataVolume", true));
    }
}
