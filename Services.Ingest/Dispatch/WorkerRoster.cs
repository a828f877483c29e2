using System.Collections.Concurrent;
using ImagePipeline.Contracts;
using ImagePipeline.ServiceDefaults;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// The image workers this Ingest replica has heard from lately and their slots: the capacity dispatch shares between
/// the running requests. A worker counts until three of its heartbeat intervals pass in silence (a SIGKILLed or cut-off
/// worker drops out within seconds) or until it says it stops. Every replica hears every heartbeat, so all of them
/// count the same workers.
/// </summary>
public sealed class WorkerRoster
{
    private const int MissedBeats = 3;

    private readonly ConcurrentDictionary<string, (int Slots, DateTimeOffset Until)> _workers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public WorkerRoster(TimeProvider time)
    {
        _time = time;
        PipelineTelemetry.Meter.CreateObservableGauge(
            "imagepipeline.ingest.worker_slots", () => Slots, description: "Image worker slots Ingest dispatches to (workers heard from lately)");
        PipelineTelemetry.Meter.CreateObservableGauge(
            "imagepipeline.ingest.workers", () => Workers, description: "Image workers heard from lately");
    }

    public void Heard(WorkerCapacity heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        if (heartbeat.Slots <= 0)
        {
            _workers.TryRemove(heartbeat.WorkerId, out _);
            return;
        }
        var silence = heartbeat.Interval * MissedBeats;
        _workers[heartbeat.WorkerId] = (heartbeat.Slots, _time.GetUtcNow() + (silence > TimeSpan.FromSeconds(1) ? silence : TimeSpan.FromSeconds(1)));
    }

    /// <summary>The slots of every worker still counted.</summary>
    public int Slots => Live().Sum(w => w.Slots);

    public int Workers => Live().Count();

    private IEnumerable<(int Slots, DateTimeOffset Until)> Live()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, worker) in _workers)
        {
            if (worker.Until > now)
            {
                yield return worker;
            }
            else
            {
                _workers.TryRemove(new KeyValuePair<string, (int, DateTimeOffset)>(id, worker));
            }
        }
    }
}
