using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>A theory that runs the whole AppHost: needs a container runtime or the RabbitMQ server package; see <see cref="RequiredInfrastructure"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAppHostTheoryAttribute : TheoryAttribute
{
    public RequiresAppHostTheoryAttribute()
    {
        Skip = RequiredInfrastructure.AppHostSkipReason();
    }
}
