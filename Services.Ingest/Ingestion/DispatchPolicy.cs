using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>
/// The window a request's images are released in, from Ingest's settings and the fetch setting the workers use per
/// process (<c>Fetch:MaxConnectionsPerHost</c>), so that across every worker no origin has more of one request's
/// downloads open than one worker would allow itself.
/// </summary>
public sealed class DispatchPolicy(IOptions<IngestOptions> options, IConfiguration configuration)
{
    public const string MaxConnectionsPerHostKey = "Fetch:MaxConnectionsPerHost";
    public const int DefaultMaxConnectionsPerHost = 8;

    private readonly int _perHost = Math.Max(1, configuration.GetValue(MaxConnectionsPerHostKey, DefaultMaxConnectionsPerHost));

    public Persistence.DispatchWindow WindowAt(DateTimeOffset now) =>
        new(options.Value.DispatchWindow, _perHost, now + options.Value.ImageLease);

    public DateTimeOffset RequestLeaseFrom(DateTimeOffset now) => now + options.Value.RequestLease;
}
