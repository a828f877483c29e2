using System.Globalization;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>What a figure was measured on: it is only comparable with figures from the same machine and load.</summary>
public static class Machine
{
    private static readonly string[] AllocatorVariables = ["MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_"];

    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> shows them.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Whether this process runs with the glibc settings the AppHost gives the image workers.</summary>
    public static string Allocator()
    {
        var set = AllocatorVariables
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => v.value is not null)
            .Select(v => $"{v.name}={v.value}")
            .ToArray();
        return set.Length == 0 ? "glibc default" : string.Join(' ', set);
    }

    public static string Memory()
    {
        try
        {
            var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kilobytes = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return $"{kilobytes / (1024.0 * 1024):0.0} GiB";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static int Print()
    {
        Console.WriteLine($"| cores (Environment.ProcessorCount) | {Environment.ProcessorCount} |");
        Console.WriteLine($"| memory | {Memory()} |");
        Console.WriteLine($"| OS | {System.Runtime.InteropServices.RuntimeInformation.OSDescription} |");
        Console.WriteLine($"| .NET | {Environment.Version} |");
        Console.WriteLine($"| Magick.NET | {ImageMagick.MagickNET.Version} |");
        Console.WriteLine($"| load average at start (1/5/15 min) | {LoadAverage()} |");
        return 0;
    }
}
