using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// A fact that runs the whole AppHost in local mode with its files in a Swift S3 bucket: needs the RabbitMQ server and
/// Swift packages (skips without them, fails without them under CI); see <see cref="RequiredInfrastructure"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresS3AppHostFactAttribute : FactAttribute
{
    public RequiresS3AppHostFactAttribute()
    {
        Skip = RequiredInfrastructure.RabbitMQSkipReason() ?? RequiredInfrastructure.SwiftS3SkipReason();
    }
}
