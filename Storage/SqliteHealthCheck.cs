using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.Storage;

/// <summary>
/// Healthy when the service's SQLite file can be opened read-write and its schema read, within a timeout. The check
/// never creates the file and never pools its connection: the store's pooled connections keep working on a file that
/// was moved or deleted (they hold it open), so only a fresh open tells whether the database is still where the
/// service's connection string says.
/// </summary>
public sealed class SqliteHealthCheck(string filePath, TimeSpan timeout) : IHealthCheck
{
    /// <summary>The check's name for the store of <c>ConnectionStrings:{connectionName}</c>, distinct per database.</summary>
    public static string NameFor(string connectionName) => $"sqlite-{connectionName}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Microsoft.Data.Sqlite's async calls run synchronously, so the bound has to come from outside the call
            await Task.Run(Probe, CancellationToken.None).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy($"SQLite database '{filePath}' is readable and writable.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"SQLite database '{filePath}' did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy($"SQLite database '{filePath}' cannot be opened or read: {ex.Message}", ex);
        }
    }

    private void Probe()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var query = connection.CreateCommand();
        // reads the file's first page: a file that is gone, unreadable or not a database fails here
        query.CommandText = "SELECT count(*) FROM sqlite_master;";
        query.ExecuteScalar();
    }
}
