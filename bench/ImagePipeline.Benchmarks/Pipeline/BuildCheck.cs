using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Which build of the services runs. The testing builder runs the AppHost in this process, and the AppHost has DCP start
/// each service with <c>dotnet run --no-build --configuration X</c>, where X is the configuration the AppHost assembly
/// was built in, which is this benchmark's: a Release build of the benchmark therefore runs Release services. The
/// launchers' command lines are read back here so a figure never silently comes from Debug binaries.
/// </summary>
public static class BuildCheck
{
    public static void Require(SystemHost host, BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var (configuration, _) = host.Build();
        if (configuration != "Release" && options.String("allow-debug", "false") != "true")
        {
            throw new InvalidOperationException(
                $"The services run as '{configuration}' builds, not Release: build the benchmark with -c Release (bench/run.sh does), or pass --allow-debug true.");
        }
    }

    /// <summary>One Markdown line saying which build runs, with a service's command line as evidence.</summary>
    public static string Describe(SystemHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (configuration, example) = host.Build();
        return $"Services run as **{configuration}** builds (DCP's launchers: `dotnet run --no-build --configuration {configuration}`; the gateway process is `{example}`).";
    }
}
