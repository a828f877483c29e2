using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Storage.Mongo;

/// <summary>Healthy when the server answers <c>ping</c> on the configured database (or <c>admin</c>).</summary>
public sealed class MongoDBPingHealthCheck(IMongoClient client, string databaseName, TimeSpan? timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } duration)
        {
            limit.CancelAfter(duration);
        }
        try
        {
            await client.GetDatabase(databaseName).RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: limit.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "MongoDB did not answer ping.", ex);
        }
    }
}
