using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.AppHost.Mongo;

/// <summary>
/// Healthy when the server answers <c>ping</c> on <paramref name="databaseName"/>. The client is made on the first
/// check after <see cref="UseConnectionString"/>, which the AppHost calls once the resource's connection string is
/// known (its endpoint and password exist only then); until then the check is unhealthy. A server that answers but
/// refuses the credentials is told apart from one that does not answer: the description is
/// <paramref name="credentialsRejected"/>'s explanation, reported once per connection string.
/// </summary>
public sealed class MongoDBPingHealthCheck(string databaseName, Func<string> credentialsRejected) : IHealthCheck
{
    /// <summary>How long one check waits for the server: a probe answers in seconds, not the driver's 30 s default.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    // the server's code for a refused user
    private const int AuthenticationFailedCode = 18;

    private readonly Lock _gate = new();
    private string? _connectionString;
    private IMongoClient? _client;
    private Action<string>? _report;
    private bool _reported;

    /// <summary>The connection string to ping with, and where to say (once) that the server refused its credentials.</summary>
    public void UseConnectionString(string connectionString, Action<string>? reportCredentialsRejected = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        lock (_gate)
        {
            _report = reportCredentialsRejected;
            if (connectionString != _connectionString)
            {
                _connectionString = connectionString;
                _client = null;
                _reported = false;
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
        catch (Exception ex) when (IsCredentialsRejected(ex))
        {
            var explanation = credentialsRejected();
            ReportOnce(explanation);
            return new HealthCheckResult(context.Registration.FailureStatus, explanation, ex);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB did not answer ping on '{databaseName}'.", ex);
        }
    }

    /// <summary>
    /// The server answered and refused the user: a failed authentication (code 18, <c>AuthenticationFailed</c>), which
    /// the driver raises when it opens a connection, possibly wrapped in the server selection's timeout.
    /// </summary>
    public static bool IsCredentialsRejected(Exception? ex) => ex switch
    {
        null => false,
        MongoAuthenticationException => true,
        MongoCommandException { Code: AuthenticationFailedCode } => true,
        _ => IsCredentialsRejected(ex.InnerException),
    };

    private void ReportOnce(string explanation)
    {
        Action<string>? report;
        lock (_gate)
        {
            report = _reported ? null : _report;
            _reported = true;
        }
        report?.Invoke(explanation);
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
