using System.Diagnostics;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>Decides <see cref="InfrastructureMode.Auto"/>: a container runtime is usable when <c>docker info</c> or <c>podman info</c> succeeds.</summary>
public static class ContainerRuntime
{
    public static InfrastructureMode Resolve(InfrastructureMode requested) =>
        requested != InfrastructureMode.Auto ? requested
        : IsAvailable() ? InfrastructureMode.Containers
        : InfrastructureMode.Local;

    public static bool IsAvailable() => Answers("docker") || Answers("podman");

    private static bool Answers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            // a CLI without a daemon can hang on its socket; five seconds is ample for a healthy one
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
