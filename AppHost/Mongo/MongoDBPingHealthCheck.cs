using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.AppHost.Mongo;

/// <summary>
/// Healthy when the server answers <c>ping</c> on <paramref name="databaseName"/>. The client is made on the first
/// check after <see cref="UseConnectionString"/>, which the AppHost calls once the resource's connection string is
/// known (its endpoint and password exist only then); until then the check is unhealthy.
/// </summary>
public sealed class MongoDBPingHealthCheck(string databaseName) : IHealthCheck
{
    /// <summary>How long one check waits for the server: a probe answers in seconds, not the driver's 30 s default.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private string? _connectionString;
    private IMongoClient? _client;

    public void UseConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        lock (_gate)
        {
            if (connectionString != _connectionString)
            {
                _connectionString = connectionString;
                _client = null;
            }
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = Client();
        if (client is null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The MongoDB connection string is not available yet.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await client.GetDatabase(databaseName).RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB did not answer ping on '{databaseName}'.", ex);
        }
    }

    private IMongoClient? Client()
    {
        lock (_gate)
        {
            if (_client is null && _connectionString is not null)
            {
                var settings = MongoClientSettings.FromConnectionString(_connectionString);
                settings.ServerSelectionTimeout = PingTimeout;
                _client = new MongoClient(settings);
            }
            return _client;
        }
    }
}
