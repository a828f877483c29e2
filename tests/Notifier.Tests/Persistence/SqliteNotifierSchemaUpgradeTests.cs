using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>A notifier file written before redelivery existed is brought up to date by the start-up step, by every instance starting on it at once.</summary>
public sealed class SqliteNotifierSchemaUpgradeTests : IDisposable
{
    // the tables as the first release created them
    private const string FirstSchema = """
        CREATE TABLE deliveries (
            id TEXT NOT NULL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, event_type TEXT NOT NULL, request_id TEXT NOT NULL,
            url TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempt_count INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NULL, traceparent TEXT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
        );
        CREATE INDEX ix_deliveries_due ON deliveries (status, next_attempt_at);
        CREATE INDEX ix_deliveries_request ON deliveries (request_id, created_at);
        CREATE TABLE delivery_attempts (
            delivery_id TEXT NOT NULL REFERENCES deliveries (id), number INTEGER NOT NULL, attempted_at INTEGER NOT NULL,
            status_code INTEGER NULL, error TEXT NULL, latency_ms INTEGER NOT NULL, PRIMARY KEY (delivery_id, number)
        );
        INSERT INTO deliveries VALUES ($id, 'request.completed:old', 'request.completed', $request_id, 'http://127.0.0.1:9/hook', '{}', 'Failed', 2, NULL, NULL, 1735732800000, 1735732805000);
        INSERT INTO delivery_attempts VALUES ($id, 1, 1735732800000, 500, NULL, 10), ($id, 2, 1735732805000, NULL, 'Timed out waiting for the response.', 15000);
        """;

    private static readonly DateTimeOffset Now = new(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("notifier-upgrade-").FullName;

    [Fact]
    public async Task Old_deliveries_read_as_series_one_and_can_be_redelivered()
    {
        var (connectionString, deliveryId, requestId) = await CreateFirstReleaseFileAsync();
        var store = SqliteNotifierTestStores.Create(connectionString);

        var stored = Assert.Single(await store.ListByRequestAsync(requestId, CancellationToken.None));
        Assert.Equal((deliveryId, DeliveryStatus.Failed, 2, 1), (stored.Id, stored.Status, stored.AttemptCount, stored.Series));
        Assert.Equal([(1, 1, (int?)500), (2, 1, null)], stored.Attempts.Select(attempt => (attempt.Number, attempt.Series, attempt.StatusCode)));

        Assert.Equal(RedeliveryOutcome.Redelivered, await store.RedeliverAsync(deliveryId, Now, CancellationToken.None));
        var claimed = await store.TryClaimAsync(deliveryId, Now, Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal((3, 2, 1), (claimed!.AttemptNumber, claimed.Series, claimed.AttemptInSeries));
        // signed with the master secret before per-client secrets, and still
        Assert.Null(claimed.ClientId);
    }

    [Fact]
    public async Task Instances_upgrading_the_same_file_at_once_all_succeed()
    {
        var (connectionString, deliveryId, _) = await CreateFirstReleaseFileAsync();

        var found = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => SqliteNotifierTestStores.Create(connectionString).FindAsync(deliveryId, CancellationToken.None))));

        Assert.All(found, delivery => Assert.Equal(1, delivery?.Series));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }

    private async Task<(string ConnectionString, Guid DeliveryId, Guid RequestId)> CreateFirstReleaseFileAsync()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, $"notifier-{Guid.NewGuid():N}.db")}";
        var (deliveryId, requestId) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = FirstSchema;
        command.Parameters.AddWithValue("$id", deliveryId.ToString("D"));
        command.Parameters.AddWithValue("$request_id", requestId.ToString("D"));
        await command.ExecuteNonQueryAsync();
        return (connectionString, deliveryId, requestId);
    }
}
