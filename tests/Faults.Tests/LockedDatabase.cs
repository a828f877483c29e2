using Microsoft.Data.Sqlite;

namespace ImagePipeline.Faults.Tests;

/// <summary>A SQLite write lock held by the test, as another writer would hold it; disposing it lets go.</summary>
public sealed class LockedDatabase(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
