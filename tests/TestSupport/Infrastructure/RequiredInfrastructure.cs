namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// Whether what a test needs is on this machine. On a developer's machine a missing piece skips the test with the
/// reason; under CI (<c>CI=true</c>) nothing skips, so a missing install fails loudly instead of passing quietly.
/// </summary>
public static class RequiredInfrastructure
{
    public const string RabbitMQServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when the whole AppHost can run here: a container runtime (containers mode) or the RabbitMQ server package
    /// (local mode), or CI demands the test run anyway; else why the test skips.
    /// </summary>
    public static string? AppHostSkipReason() => ContainerRuntimeProbe.IsAvailable ? null : RabbitMQSkipReason();

    /// <summary>Null when Swift and memcached are installed (or CI demands the test run anyway), else why the S3 tests skip.</summary>
    public static string? SwiftS3SkipReason() => IsCi ? null : ObjectStorage.SwiftS3Server.MissingPackages();

    /// <summary>Null when the RabbitMQ server package is installed (or CI demands the test run anyway), else why the test skips.</summary>
    public static string? RabbitMQSkipReason() =>
        File.Exists(RabbitMQServerPath) || IsCi
            ? null
            : $"RabbitMQ server not installed ({RabbitMQServerPath} missing): 'apt-get install -y rabbitmq-server' to run this test.";

    public const string IpPath = "/usr/sbin/ip";

    /// <summary>
    /// Null when a test can build hosts from network namespaces here (root, iproute2, and the RabbitMQ, Swift and
    /// memcached packages the hosts run), or CI demands the test run anyway; else why it skips.
    /// </summary>
    public static string? NetworkHostsSkipReason()
    {
        if (IsCi)
        {
            return null;
        }
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return "Building hosts from network namespaces (ip netns) needs root; run this test as root.";
        }
        if (!File.Exists(IpPath))
        {
            return "iproute2 is not installed ('apt-get install -y iproute2') to build hosts from network namespaces.";
        }
        return RabbitMQSkipReason() ?? SwiftS3SkipReason();
    }
}
