using ImagePipeline.Chromium;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// A fact that drives Debian's chromium against the AppHost in local mode: needs the RabbitMQ server package and
/// <c>/usr/bin/chromium</c>. On a developer's machine a missing one skips with the install command; under CI
/// (<c>CI=true</c>) nothing skips, so a missing install fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresBrowserFactAttribute : FactAttribute
{
    public RequiresBrowserFactAttribute()
    {
        Skip = SkipReason();
    }

    public static string? SkipReason() =>
        RequiredInfrastructure.RabbitMQSkipReason()
        ?? (File.Exists(BrowserSession.ChromiumPath) || RequiredInfrastructure.IsCi
            ? null
            : $"chromium not installed ({BrowserSession.ChromiumPath} missing): 'apt-get install -y chromium' to run this test.");
}
