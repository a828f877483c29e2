namespace ImagePipeline.Storage.Mongo;

/// <summary>
/// Client settings, bound from <c>Aspire:MongoDB:Driver</c> (and <c>Aspire:MongoDB:Driver:{connectionName}</c>), the same
/// keys as Aspire's MongoDB client integration so it can replace this one without touching callers.
/// </summary>
public sealed class MongoDBSettings
{
    /// <summary>The <c>mongodb://</c> connection string; <c>ConnectionStrings:{connectionName}</c> takes precedence.</summary>
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }

    /// <summary>Milliseconds the health check's ping may take.</summary>
    public int? HealthCheckTimeout { get; set; }

    public bool DisableTracing { get; set; }
}
