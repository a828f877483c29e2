using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// A fact that runs the whole AppHost in local mode, whatever container runtime exists: needs the RabbitMQ server
/// package (skips without it, fails without it under CI); see <see cref="RequiredInfrastructure.RabbitMQSkipReason"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresLocalAppHostFactAttribute : FactAttribute
{
    public RequiresLocalAppHostFactAttribute()
    {
        Skip = RequiredInfrastructure.RabbitMQSkipReason();
    }
}
