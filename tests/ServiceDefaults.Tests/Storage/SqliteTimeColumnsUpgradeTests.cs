using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>The table copy that turns TEXT times into millis, on a real file with a table that references the copied one.</summary>
public sealed class SqliteTimeColumnsUpgradeTests : IDisposable
{
    private const string OldSchema = """
        CREATE TABLE parents (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, done_at TEXT);
        CREATE TABLE children (parent_id TEXT NOT NULL REFERENCES parents(id), n INTEGER NOT NULL);
        INSERT INTO parents VALUES ('a', 'first', '2026-12-03T05:40:01.1234567+00:00', NULL),
            ('b', 'second', '2025-01-02T00:00:00.0000000+00:00', '2025-01-02T00:00:01.5000000+00:00');
        INSERT INTO children VALUES ('a', 1), ('b', 2);
        """;

    private static readonly string[] TimeColumns = ["created_at", "done_at"];

    private readonly string _directory = Directory.CreateTempSubdirectory("time-upgrade-").FullName;

    [Fact]
    public async Task Text_times_become_millis_and_every_row_stays()
    {
        var database = await CreateOldDatabaseAsync();

        Assert.True(await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "parents", CreateParents, TimeColumns, CancellationToken.None));

        Assert.Equal(
            ["a first 1796276401123 null", "b second 1735776000000 1735776001500"],
            await QueryAsync(database, "SELECT id || ' ' || name || ' ' || created_at || ' ' || COALESCE(done_at, 'null') FROM parents ORDER BY id"));
        Assert.Equal(["integer integer"], await QueryAsync(database, "SELECT DISTINCT typeof(created_at) || ' ' || typeof(COALESCE(done_at, 0)) FROM parents"));
        Assert.Equal(["INTEGER", "INTEGER"], await QueryAsync(database, "SELECT type FROM pragma_table_info('parents') WHERE name LIKE '%_at'"));
        // the referencing table still points at the table of that name, and its rows still match
        Assert.Equal(["2"], await QueryAsync(database, "SELECT COUNT(*) FROM children JOIN parents ON parents.id = children.parent_id"));
        Assert.Empty(await QueryAsync(database, "SELECT * FROM pragma_foreign_key_check"));
        Assert.Equal(["1"], await QueryAsync(database, "PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task An_upgraded_table_is_left_alone()
    {
        var database = await CreateOldDatabaseAsync();
        await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "parents", CreateParents, TimeColumns, CancellationToken.None);

        Assert.False(await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "parents", CreateParents, TimeColumns, CancellationToken.None));
        Assert.Equal(["2"], await QueryAsync(database, "SELECT COUNT(*) FROM parents"));
    }

    [Fact]
    public async Task Processes_upgrading_at_once_copy_the_table_once()
    {
        var database = await CreateOldDatabaseAsync();

        var copied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            SqliteTimeColumnsUpgrade.UpgradeAsync(new SqliteDatabase($"Data Source={database.FilePath}"), "parents", CreateParents, TimeColumns, CancellationToken.None))));

        Assert.Single(copied, true);
        Assert.Equal(["2"], await QueryAsync(database, "SELECT COUNT(*) FROM parents"));
    }

    [Fact]
    public async Task A_missing_table_is_an_error()
    {
        var database = await CreateOldDatabaseAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SqliteTimeColumnsUpgrade.UpgradeAsync(database, "nothing", CreateParents, TimeColumns, CancellationToken.None));
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

    private static string CreateParents(string name) =>
        $"CREATE TABLE IF NOT EXISTS {name} (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL, done_at INTEGER);";

    private async Task<SqliteDatabase> CreateOldDatabaseAsync()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}.db")}");
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = OldSchema;
        await command.ExecuteNonQueryAsync();
        return database;
    }

    private static async Task<List<string>> QueryAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return rows;
    }
}
