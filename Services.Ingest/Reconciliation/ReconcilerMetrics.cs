using System.Diagnostics.Metrics;
using ImagePipeline.ServiceDefaults;

namespace ImagePipeline.Ingest.Reconciliation;

/// <summary>
/// What the dashboard shows of the reconciler: how many items each sweep found past their lease (a gauge that should
/// sit at zero) and how many it re-drove, by kind.
/// </summary>
public sealed class ReconcilerMetrics
{
    private readonly Counter<long> _redriven = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.ingest.redriven", description: "Images and requests sent again after their lease ran out");
    private long _stalled;

    public ReconcilerMetrics() =>
        PipelineTelemetry.Meter.CreateObservableGauge(
            "imagepipeline.ingest.stalled", () => Interlocked.Read(ref _stalled),
            description: "Images and requests the last sweep found past their lease");

    public void Swept(int images, int exports, int completions)
    {
        Interlocked.Exchange(ref _stalled, images + exports + completions);
        Add(images, "image");
        Add(exports, "export");
        Add(completions, "completion");
    }

    private void Add(int count, string kind)
    {
        if (count > 0)
        {
            _redriven.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
