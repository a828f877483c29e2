using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The AppHost's own settings, read once at start. Every one is documented in the README. <c>ImageWorkerReplicas</c>
/// 0 leaves the image worker out altogether (an ingest-only system).
/// </summary>
public sealed record AppHostSettings(
    InfrastructureMode Mode,
    string DataDirectory,
    string RabbitMQServerPath,
    int RabbitMQPort,
    int GatewayPort,
    string? PublicBaseUrl,
    int ImageWorkerReplicas,
    bool MongoDataVolume = true,
    int? ImageWorkerCodecSetting = null)
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
        var imageWorkerReplicas = configuration.GetValue("ImageWorker:Replicas", 2);
        if (imageWorkerReplicas < 0)
        {
            throw new InvalidOperationException(
                $"ImageWorker:Replicas must be 0 (no image worker) or more; it is {imageWorkerReplicas}.");
        }
        // only named here: the directories are made when the AppHost runs, never while its model is built
        var dataDirectory = configuration["Infrastructure:DataDirectory"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ImagePipeline");

        return new AppHostSettings(
            mode,
            Path.GetFullPath(dataDirectory),
            configuration["Infrastructure:RabbitMQ:ServerPath"] ?? DefaultRabbitMQServerPath,
            configuration.GetValue("Infrastructure:RabbitMQ:Port", 0),
            configuration.GetValue("Gateway:Port", 8080),
            configuration["Gateway:PublicBaseUrl"],
            imageWorkerReplicas,
            configuration.GetValue("Infrastructure:MongoDB:DataVolume", true),
            configuration.GetValue<int?>("ImageWorker:CodecConcurrency"));
    }

    /// <summary>
    /// <c>ImageWorker:CodecConcurrency</c> for each replica: the setting when one is given, else the <paramref name="cores"/>
    /// of this machine split among the replicas (at least one each), because every replica the AppHost starts runs here.
    /// </summary>
    public string ImageWorkerCodecConcurrency(int cores) =>
        (ImageWorkerCodecSetting ?? Math.Max(1, cores / Math.Max(1, ImageWorkerReplicas))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
