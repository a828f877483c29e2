using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>A fact that needs the RabbitMQ server package; see <see cref="RequiredInfrastructure"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRabbitMQFactAttribute : FactAttribute
{
    public RequiresRabbitMQFactAttribute()
    {
        Skip = RequiredInfrastructure.RabbitMQSkipReason();
    }
}
