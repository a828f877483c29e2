namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// One origin's concurrency as <see cref="OriginPacer"/> adapts it, AIMD the way TCP and polite crawlers do: it doubles
/// while the origin answers quickly and cleanly (a slow start, one more per clean result), grows by one per limit's
/// worth of clean results after its first cut, holds while answers are slow, and halves — once per spell of trouble —
/// when it throttles or fails. Past the limit it last had trouble at it probes eight times more gently, for
/// <see cref="TroubleMemory"/>: an origin that takes three at once is not asked for a fourth every few images. A
/// <c>Retry-After</c> pauses it outright. Not thread-safe: the pacer locks it.
/// </summary>
internal sealed class OriginPace(int initial, DateTimeOffset now)
{
    private const int GentleProbe = 8;
    private static readonly TimeSpan TroubleMemory = TimeSpan.FromMinutes(10);

    private double? _troubleAt;
    private DateTimeOffset _troubleSeen;

    public double Limit { get; private set; } = initial;

    public bool SlowStart { get; private set; } = true;

    /// <summary>The origin's answer time when it is not busy: the lowest seen lately, drifting up slowly.</summary>
    public double? BaselineMs { get; private set; }

    public DateTimeOffset PausedUntil { get; private set; } = DateTimeOffset.MinValue;

    public DateTimeOffset LastCut { get; private set; } = DateTimeOffset.MinValue;

    public DateTimeOffset LastSeen { get; private set; } = now;

    public long Throttled { get; private set; }

    public void Pause(DateTimeOffset until)
    {
        if (until > PausedUntil)
        {
            PausedUntil = until;
        }
    }

    /// <summary>A clean answer in <paramref name="latencyMs"/>: grows the limit unless the answer was slow for this origin.</summary>
    public void Answered(double latencyMs, int max, DateTimeOffset now)
    {
        LastSeen = now;
        BaselineMs = BaselineMs is not { } baseline || latencyMs < baseline ? latencyMs : baseline + ((latencyMs - baseline) * 0.05);
        if (latencyMs > (BaselineMs.Value * 2) + 100)
        {
            // answers slow down: the origin is near what it can take, so stop doubling and hold
            SlowStart = false;
            return;
        }
        if (_troubleAt is not null && now - _troubleSeen > TroubleMemory)
        {
            _troubleAt = null;
        }
        var step = SlowStart ? 1 : Limit + 1 >= _troubleAt ? 1 / (Limit * GentleProbe) : 1 / Limit;
        Limit = Math.Min(max, Limit + step);
    }

    /// <summary>
    /// Throttled or failed: halves the limit, at most once per spell (every image out when the origin first struggled
    /// reports it, and that is one signal, not one per image).
    /// </summary>
    public bool Struggled(int throttled, int min, DateTimeOffset now)
    {
        LastSeen = now;
        Throttled += throttled;
        var spell = TimeSpan.FromMilliseconds(Math.Max(1000, (BaselineMs ?? 0) * 2));
        if (now - LastCut < spell)
        {
            return false;
        }
        LastCut = now;
        SlowStart = false;
        _troubleAt = Limit;
        _troubleSeen = now;
        Limit = Math.Max(min, Math.Floor(Limit / 2));
        return true;
    }

    /// <summary>How many of its images may be out now: none while paused.</summary>
    public int AllowedAt(DateTimeOffset now) => PausedUntil > now ? 0 : (int)Limit;
}
