using System.Diagnostics;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>Whether <c>docker info</c> (or <c>podman info</c>) answers: the same test the AppHost's auto mode uses.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly Lazy<bool> Available = new(() => Answers("docker") || Answers("podman"));

    public static bool IsAvailable => Available.Value;

    private static bool Answers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return false;
            }
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
