using System.Globalization;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Where the machine's cores went while the system ran a request: every worker process together, each other service,
/// this process (the image server and the webhook receiver), and the rest (RabbitMQ, DCP, anything else), from
/// <c>/proc</c>. Set next to the floor's CPU per image, it splits the system's gap to the floor in two: the share of
/// the cores the workers got, and what each image cost them.
/// </summary>
public sealed class SystemCpu
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<int>> _services;
    private readonly Dictionary<string, TimeSpan> _start;
    private readonly TimeSpan _selfStart;
    private readonly (TimeSpan Busy, TimeSpan Total) _machineStart;
    private Dictionary<string, TimeSpan>? _used;
    private TimeSpan _self;
    private (TimeSpan Busy, TimeSpan Total) _machine;

    private SystemCpu(SystemHost host)
    {
        _services = host.Services.ToDictionary(name => name, name => host.ServiceProcessIds(name));
        _start = _services.ToDictionary(s => s.Key, s => Sum(s.Value));
        _selfStart = ProcCpu.OfProcess(Environment.ProcessId);
        _machineStart = ProcCpu.OfMachine();
    }

    /// <summary>Starts counting now, for every service process <paramref name="host"/> runs.</summary>
    public static SystemCpu Start(SystemHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new SystemCpu(host);
    }

    /// <summary>Ends the stretch: what each part used since <see cref="Start"/> is fixed now.</summary>
    public void Stop()
    {
        _used = _services.ToDictionary(s => s.Key, s => Sum(s.Value) - _start[s.Key]);
        _self = ProcCpu.OfProcess(Environment.ProcessId) - _selfStart;
        var machine = ProcCpu.OfMachine();
        _machine = (machine.Busy - _machineStart.Busy, machine.Total - _machineStart.Total);
    }

    /// <summary>CPU every process of service <paramref name="name"/> used from <see cref="Start"/> to <see cref="Stop"/>, all replicas together.</summary>
    public TimeSpan Used(string name) =>
        (_used ?? throw new InvalidOperationException("Stop the count before reading it.")).GetValueOrDefault(name);

    /// <summary>
    /// One Markdown paragraph on the stretch from <see cref="Start"/> to <see cref="Stop"/>: each part's share of all
    /// cores, and the workers' CPU per image against <paramref name="floorCpuPerImage"/> (the floor's, measured in this
    /// process on the same images).
    /// </summary>
    public string Describe(int images, TimeSpan floorCpuPerImage)
    {
        var perImage = Used("imageworker") / images;
        return string.Create(CultureInfo.InvariantCulture,
            $"{DescribeShares(images)} (floor {floorCpuPerImage.TotalMilliseconds:0.0} ms; floor ÷ workers **{floorCpuPerImage / perImage:0.00}**).");
    }

    /// <summary>Each part's share of all cores from <see cref="Start"/> to <see cref="Stop"/>, and the workers' CPU per image.</summary>
    public string DescribeShares(int images)
    {
        var used = _used ?? throw new InvalidOperationException("Stop the count before describing it.");
        var (busy, total) = _machine;
        var rest = busy - used.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b) - _self;
        var cores = Environment.ProcessorCount;
        string Share(TimeSpan time) => (time / total * cores * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

        var workers = used.GetValueOrDefault("imageworker");
        var parts = used.Where(u => u.Key != "imageworker").Select(u => $"{u.Key} {Share(u.Value)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"Where the cores went during the request ({cores * 100}% = all {cores} cores): the worker processes **{Share(workers)}**, " +
            $"{string.Join(", ", parts)}, this process (image server, webhook receiver) {Share(_self)}, everything else (RabbitMQ, DCP, the rest of the machine) " +
            $"{Share(rest)}, idle **{Share(total - busy)}**. The workers spent **{(workers / images).TotalMilliseconds:0.0} ms** of CPU per image");
    }

    private static TimeSpan Sum(IEnumerable<int> pids) => pids.Select(ProcCpu.OfProcess).Aggregate(TimeSpan.Zero, (a, b) => a + b);
}
