using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>A fact that runs the whole AppHost: needs a container runtime or the RabbitMQ server package; see <see cref="RequiredInfrastructure"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAppHostFactAttribute : FactAttribute
{
    public RequiresAppHostFactAttribute()
    {
        Skip = RequiredInfrastructure.AppHostSkipReason();
    }
}
