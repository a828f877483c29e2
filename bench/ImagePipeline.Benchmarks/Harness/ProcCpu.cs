using System.Globalization;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>CPU time from <c>/proc</c>: one process's, and the whole machine's busy and total time.</summary>
public static class ProcCpu
{
    // the kernel reports both files in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's own tick
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time of process <paramref name="pid"/> so far; zero once it has gone.</summary>
    public static TimeSpan OfProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // the command name may hold spaces and parentheses: fields are counted after its closing one
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return Ticks(long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Time all cores together spent busy, and in total, since boot.</summary>
    public static (TimeSpan Busy, TimeSpan Total) OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal; guest time is already inside user and nice
        var total = fields.Take(8).Sum();
        return (Ticks(total - fields[3] - fields[4]), Ticks(total));
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
