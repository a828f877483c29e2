namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The image worker processes of this test run, found through /proc: the service's own process (not a launcher in
/// front of it) whose environment carries an entry only this run's AppHost gave it. The machine may be running other
/// AppHosts at the same time.
/// </summary>
internal static class WorkerProcesses
{
    private const string AssemblyName = "ImagePipeline.ImageWorker";

    public static IReadOnlyList<int> Find(string environmentEntry)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var isWorker = arguments.Any(a => a.EndsWith(AssemblyName + ".dll", StringComparison.Ordinal) || Path.GetFileName(a) == AssemblyName);
                if (isWorker && File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(environmentEntry))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }
        return found;
    }
}
