using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.Storage;

/// <summary>
/// Unhealthy until the start-up step has made every store's schema, so a service is not ready while its tables or
/// indexes may be missing (a MongoDB not yet up, say); healthy from then on.
/// </summary>
public sealed class StoreSchemaHealthCheck(StoreSchemaProgress progress) : IHealthCheck
{
    public const string Name = "store-schema";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.Created
            ? HealthCheckResult.Healthy("Every store's schema is created.")
            : HealthCheckResult.Unhealthy(progress.LastFailure is { } failure
                ? $"Schema not created yet; the last attempt failed: {failure}"
                : "Schema not created yet."));
}
