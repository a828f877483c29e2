using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The AppHost's own settings, read once at start. Every one is documented in the README. <c>ImageWorkerReplicas</c>
/// 0 leaves the image worker out altogether (an ingest-only system).
/// </summary>
public sealed record AppHostSettings
{
    public const string DefaultRabbitMQServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public required InfrastructureMode Mode { get; init; }

    public required string DataDirectory { get; init; }

    public required string RabbitMQServerPath { get; init; }

    /// <summary>The local RabbitMQ node's AMQP port; 0 picks a free one when the AppHost runs.</summary>
    public required int RabbitMQPort { get; init; }

    public required int GatewayPort { get; init; }

    public string? PublicBaseUrl { get; init; }

    public required int ImageWorkerReplicas { get; init; }

    public bool MongoDataVolume { get; init; } = true;

    /// <summary><c>ImageWorker:CodecConcurrency</c> as given; null splits this machine's cores between the replicas.</summary>
    public int? ImageWorkerCodecSetting { get; init; }

    public static AppHostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var modeText = configuration["Infrastructure:Mode"] ?? nameof(InfrastructureMode.Auto);
        if (!Enum.TryParse<InfrastructureMode>(modeText, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException($"Infrastructure:Mode must be auto, containers or local; it is '{modeText}'.");
        }
        var imageWorkerReplicas = configuration.GetValue("ImageWorker:Replicas", 2);
        if (imageWorkerReplicas < 0)
        {
            throw new InvalidOperationException(
                $"ImageWorker:Replicas must be 0 (no image worker) or more; it is {imageWorkerReplicas}.");
        }
        // only named here: the directories are made when the AppHost runs, never while its model is built
        var dataDirectory = configuration["Infrastructure:DataDirectory"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ImagePipeline");

        return new AppHostSettings
        {
            Mode = mode,
            DataDirectory = Path.GetFullPath(dataDirectory),
            RabbitMQServerPath = configuration["Infrastructure:RabbitMQ:ServerPath"] ?? DefaultRabbitMQServerPath,
            RabbitMQPort = configuration.GetValue("Infrastructure:RabbitMQ:Port", 0),
            GatewayPort = configuration.GetValue("Gateway:Port", 8080),
            PublicBaseUrl = configuration["Gateway:PublicBaseUrl"],
            ImageWorkerReplicas = imageWorkerReplicas,
            MongoDataVolume = configuration.GetValue("Infrastructure:MongoDB:DataVolume", true),
            ImageWorkerCodecSetting = configuration.GetValue<int?>("ImageWorker:CodecConcurrency"),
        };
    }

    /// <summary>
    /// <c>ImageWorker:CodecConcurrency</c> for each replica: the setting when one is given, else the <paramref name="cores"/>
    /// of this machine split among the replicas (at least one each), because every replica the AppHost starts runs here.
    /// </summary>
    public string ImageWorkerCodecConcurrency(int cores) =>
        (ImageWorkerCodecSetting ?? Math.Max(1, cores / Math.Max(1, ImageWorkerReplicas))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
