using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ImagePipeline.Contracts;
using ImagePipeline.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// How many images each origin may have out with the workers at once, across every request and worker, learned from
/// what the workers report with each result (<see cref="DownloadReport"/>): it starts at
/// <c>Ingest:OriginConcurrencyInitial</c>, grows while the origin answers quickly and cleanly up to
/// <c>Ingest:OriginConcurrencyMax</c>, and backs off on 429, 503, timeouts and connection failures down to
/// <c>Ingest:OriginConcurrencyMin</c>, honouring <c>Retry-After</c> (<see cref="OriginPace"/>). Each Ingest replica
/// learns from the results it records; results are shared between replicas, so their views stay close.
/// </summary>
public sealed partial class OriginPacer
{
    // past this many origins, those not heard from for IdleAfter are forgotten (a catalogue may name thousands of hosts)
    private const int Remembered = 10_000;
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, OriginPace> _origins = new(StringComparer.Ordinal);
    private readonly IngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OriginPacer> _logger;
    private readonly Counter<long> _throttled = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.ingest.origin.throttled", description: "Answers from an origin that asked to slow down (429, 503), by origin");
    private readonly Counter<long> _cuts = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.ingest.origin.backoffs", description: "Times an origin's concurrency was cut (throttling, timeouts, failed connections), by origin");

    public OriginPacer(IOptions<IngestOptions> options, TimeProvider time, ILogger<OriginPacer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        PipelineTelemetry.Meter.CreateObservableGauge(
            "imagepipeline.ingest.origin.concurrency", Concurrencies, description: "Images each origin may have out with the workers at once, by origin");
    }

    /// <summary>Learns from one download; null (no download was tried) teaches nothing.</summary>
    public void Observe(DownloadReport? report)
    {
        if (report is null || string.IsNullOrEmpty(report.Origin))
        {
            return;
        }
        var now = _time.GetUtcNow();
        var pace = _origins.GetOrAdd(report.Origin, _ => new OriginPace(Initial, now));
        lock (pace)
        {
            if (report.RetryAfterMs is { } retryAfter)
            {
                pace.Pause(now + TimeSpan.FromMilliseconds(retryAfter));
            }
            if (!report.Clean)
            {
                if (report.Throttled > 0)
                {
                    _throttled.Add(report.Throttled, new KeyValuePair<string, object?>("origin", report.Origin));
                }
                if (pace.Struggled(report.Throttled, Math.Min(_options.OriginConcurrencyMin, _options.OriginConcurrencyMax), now))
                {
                    _cuts.Add(1, new KeyValuePair<string, object?>("origin", report.Origin));
                    LogCut(_logger, report.Origin, (int)pace.Limit, report.Throttled, report.Failures);
                }
            }
            else if (report.LatencyMs is { } latency)
            {
                pace.Answered(latency, Math.Max(_options.OriginConcurrencyMax, Initial), now);
            }
        }
        if (_origins.Count > Remembered)
        {
            Forget(now);
        }
    }

    /// <summary>How many of <paramref name="origin"/>'s images may be out now (0 while it asked us to wait).</summary>
    public int LimitOf(string origin)
    {
        if (!_origins.TryGetValue(origin, out var pace))
        {
            return Initial;
        }
        lock (pace)
        {
            return pace.AllowedAt(_time.GetUtcNow());
        }
    }

    /// <summary>Every origin heard from, busiest first.</summary>
    public IReadOnlyList<OriginState> Snapshot()
    {
        var now = _time.GetUtcNow();
        var states = new List<OriginState>();
        foreach (var (origin, pace) in _origins)
        {
            lock (pace)
            {
                states.Add(new OriginState(origin, pace.AllowedAt(now), pace.Throttled, pace.PausedUntil > now ? pace.PausedUntil : null));
            }
        }
        return [.. states.OrderByDescending(s => s.Limit).ThenBy(s => s.Origin, StringComparer.Ordinal)];
    }

    private int Initial => Math.Clamp(_options.OriginConcurrencyInitial, 1, Math.Max(1, _options.OriginConcurrencyMax));

    private IEnumerable<Measurement<int>> Concurrencies()
    {
        var now = _time.GetUtcNow();
        foreach (var (origin, pace) in _origins)
        {
            int allowed;
            lock (pace)
            {
                allowed = pace.AllowedAt(now);
            }
            yield return new Measurement<int>(allowed, new KeyValuePair<string, object?>("origin", origin));
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (origin, pace) in _origins)
        {
            if (now - pace.LastSeen > IdleAfter)
            {
                _origins.TryRemove(origin, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Origin {Origin} struggled ({Throttled} throttled, {Failures} failed answers): now at most {Limit} images at once")]
    private static partial void LogCut(ILogger logger, string origin, int limit, int throttled, int failures);
}
