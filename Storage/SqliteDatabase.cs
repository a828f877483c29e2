using Microsoft.Data.Sqlite;

namespace ImagePipeline.Storage;

/// <summary>
/// Opens connections to one service's SQLite file with the settings every store relies on: WAL so readers never block
/// the writer, and a busy timeout so concurrent consumers wait for the write lock instead of failing.
/// </summary>
public sealed class SqliteDatabase
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <param name="connectionString"><c>Data Source=…</c></param>
    /// <param name="busyTimeout">how long a statement waits for another connection's lock (<c>Storage:SqliteBusyTimeout</c>); 30 s when not given</param>
    public SqliteDatabase(string connectionString, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var busy = busyTimeout ?? DefaultBusyTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(busy, TimeSpan.FromSeconds(1), nameof(busyTimeout));
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busy.TotalSeconds),
        };
        _pragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)busy.TotalMilliseconds}; PRAGMA foreign_keys = ON;";
        FilePath = Path.GetFullPath(builder.DataSource);
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
        CreateFileIfMissing();
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    // the file exists from the start, so a health check that never creates it (SqliteHealthCheck) can tell a database
    // that was taken away from one that has not been written yet
    private void CreateFileIfMissing()
    {
        if (File.Exists(FilePath))
        {
            return;
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        connection.Open();
    }

    /// <summary>Runs <paramref name="work"/> in a transaction that takes the write lock at once (no upgrade deadlocks).</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
