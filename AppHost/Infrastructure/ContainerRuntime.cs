using System.Diagnostics;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>Decides <see cref="InfrastructureMode.Auto"/>: a container runtime is usable when <c>docker info</c> or <c>podman info</c> succeeds.</summary>
public static class ContainerRuntime
{
    /// <summary>
    /// The requested mode; for <see cref="InfrastructureMode.Auto"/> in run mode, containers if a runtime answers, else
    /// local. This probe is the one process the AppHost runs while building its model, because the model's shape
    /// depends on it; a published model is the production shape, containers, and asks nothing of this machine.
    /// </summary>
    public static InfrastructureChoice Choose(InfrastructureMode requested, DistributedApplicationExecutionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        if (requested != InfrastructureMode.Auto)
        {
            return new InfrastructureChoice(requested, ProbedContainerRuntime: false);
        }
        if (!executionContext.IsRunMode)
        {
            return new InfrastructureChoice(InfrastructureMode.Containers, ProbedContainerRuntime: false);
        }
        return new InfrastructureChoice(IsAvailable() ? InfrastructureMode.Containers : InfrastructureMode.Local, ProbedContainerRuntime: true);
    }

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
