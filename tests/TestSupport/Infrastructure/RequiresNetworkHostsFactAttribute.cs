using Xunit;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// A fact that builds several hosts from network namespaces and runs RabbitMQ and Swift on them: needs root, iproute2
/// and those packages (skips without them, fails without them under CI); see <see cref="RequiredInfrastructure.NetworkHostsSkipReason"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresNetworkHostsFactAttribute : FactAttribute
{
    public RequiresNetworkHostsFactAttribute()
    {
        Skip = RequiredInfrastructure.NetworkHostsSkipReason();
    }
}
