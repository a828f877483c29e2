using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImagePipeline.ServiceDefaults;

/// <summary>The activity source and meter the pipeline's own spans and counters use.</summary>
public static class PipelineTelemetry
{
    public const string ActivitySourceName = "ImagePipeline";
    public const string MeterName = "ImagePipeline";

    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
    public static Meter Meter { get; } = new(MeterName);
}
