using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Persistence;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// Each running request's window: the worker slots Ingest hears of (<see cref="WorkerRoster"/>) times
/// <c>Ingest:DispatchPerSlot</c>, shared equally between the running requests, never below
/// <c>Ingest:MinDispatchWindow</c>; and each origin's limit (<see cref="OriginPacer"/>), of which one request takes at
/// most its equal share, so requests on one busy origin share it.
/// </summary>
public sealed class DispatchPolicy(IOptions<IngestOptions> options, WorkerRoster workers, OriginPacer origins)
{
    private int _running = 1;

    /// <summary>Requests being processed, as the last dispatch pass counted them (<see cref="DispatchTicker"/>).</summary>
    public int RunningRequests
    {
        get => Volatile.Read(ref _running);
        set => Volatile.Write(ref _running, Math.Max(1, value));
    }

    public DispatchWindow WindowAt(DateTimeOffset now)
    {
        var settings = options.Value;
        var running = RunningRequests;
        var share = (int)Math.Min(int.MaxValue, ((long)workers.Slots * settings.DispatchPerSlot + running - 1) / running);
        return new DispatchWindow(Math.Max(settings.MinDispatchWindow, share), new RequestOriginShare(origins, running), now + settings.ImageLease);
    }

    /// <summary>What dispatch goes by right now.</summary>
    public DispatchState State(DateTimeOffset now) =>
        new(workers.Workers, workers.Slots, RunningRequests, WindowAt(now).Size, origins.Snapshot());

    public DateTimeOffset RequestLeaseFrom(DateTimeOffset now) => now + options.Value.RequestLease;

    private sealed class RequestOriginShare(OriginPacer origins, int running) : IOriginLimits
    {
        public int LimitOf(string origin) => origins.LimitOf(origin);

        public int RequestShareOf(string origin)
        {
            var limit = origins.LimitOf(origin);
            return limit == 0 ? 0 : Math.Max(1, (limit + running - 1) / running);
        }
    }
}
