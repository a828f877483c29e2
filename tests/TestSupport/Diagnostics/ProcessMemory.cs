using System.Globalization;

namespace ImagePipeline.TestSupport.Diagnostics;

/// <summary>
/// A Linux process's resident memory from <c>/proc/&lt;pid&gt;/status</c>: VmRSS now, and VmHWM, its peak. The peak
/// can be reset to the current value (<c>echo 5 &gt; /proc/&lt;pid&gt;/clear_refs</c>, Linux 4.0+), so the peak of
/// one piece of work can be read even in a process that has been busy before.
/// </summary>
public static class ProcessMemory
{
    public static bool IsAvailable => File.Exists("/proc/self/status");

    /// <summary>Resident bytes now and at their peak.</summary>
    public static (long Rss, long Peak) Read(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return (Kilobytes(status, "VmRSS:") * 1024, Kilobytes(status, "VmHWM:") * 1024);
    }

    /// <summary>Sets the peak (VmHWM) back to the current resident size; false where the kernel does not allow it.</summary>
    public static bool TryResetPeak(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            var (rss, peak) = Read(processId);
            // the reset sets the peak to the RSS of that moment; allow for growth between the two reads
            return peak - rss < 4 * 1024 * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static long Kilobytes(string[] status, string field)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc status has no {field}");
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
