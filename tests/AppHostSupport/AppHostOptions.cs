using Microsoft.Extensions.Logging;

namespace ImagePipeline.AppHostSupport;

/// <summary>How an <see cref="AppHostSession"/> builds and starts the AppHost: its arguments and what it waits for.</summary>
public sealed record AppHostOptions
{
    /// <summary>The AppHost's arguments (configuration keys), e.g. <see cref="LocalAppHost.Arguments"/> plus a suite's own.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The bound on a start (until every resource is healthy) and on a graceful stop.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The services that must be healthy, besides the broker, before the start returns.</summary>
    public IReadOnlyList<string> Services { get; init; } = AppHostSession.AllServices;

    /// <summary>
    /// Whether services keep the OTLP endpoint the testing builder gives them; off (<see cref="LocalAppHost.WithoutTelemetryExport"/>)
    /// unless a suite has always run with it.
    /// </summary>
    public bool ExportTelemetry { get; init; }

    /// <summary>The timeout of <see cref="AppHostSession.Gateway"/>; null keeps <see cref="HttpClient"/>'s default.</summary>
    public TimeSpan? GatewayTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The AppHost's logging; null logs to the console, without the noise every start makes (<see cref="AppHostSession.QuietStartup"/>).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
