using System.Diagnostics;
using System.Net;
using ImagePipeline.ServiceDefaults.Tests.Health;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>
/// The health check AddStore registers for a SQLite store, through a real <c>/health</c> on a real file. We run as
/// root, so permissions do not keep us out: the database is taken away by renaming its directory, as a lost mount or
/// an operator's mistake would.
/// </summary>
public sealed class SqliteHealthCheckTests : IAsyncLifetime
{
    private const string ConnectionName = "testdb";
    private static readonly string CheckName = SqliteHealthCheck.NameFor(ConnectionName);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-sqlite-health-{Guid.NewGuid():N}");
    private HealthHost? _host;

    private string DataDirectory => Path.Combine(_root, "data");

    private string DatabaseFile => Path.Combine(DataDirectory, "test.db");

    private HealthHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _host = await StartAsync(("Storage:HealthCheckTimeout", "00:00:01"));
        // the store has been used: the file holds a table, as a service's database does
        await using var connection = await Host.Services.GetRequiredService<TestStore>().Database.OpenAsync(CancellationToken.None);
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE things (id INTEGER PRIMARY KEY);";
        await create.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_database_in_place_is_healthy_with_a_check_named_after_its_connection()
    {
        Assert.Equal(HttpStatusCode.OK, await Host.HealthStatusAsync());
        var entry = await Host.CheckAsync(CheckName);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("ready", entry.Tags);
    }

    [Fact]
    public async Task A_database_whose_directory_was_taken_away_is_unhealthy_and_healthy_again_once_it_is_back()
    {
        var away = Path.Combine(_root, "moved-away");

        Directory.Move(DataDirectory, away);
        var gone = await Host.CheckAsync(CheckName);
        var statusWhileGone = await Host.HealthStatusAsync();
        Directory.Move(away, DataDirectory);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, statusWhileGone);
        Assert.Equal(HealthStatus.Unhealthy, gone.Status);
        Assert.Contains(DatabaseFile, gone.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await Host.HealthStatusAsync());
        Assert.Equal(HealthStatus.Healthy, (await Host.CheckAsync(CheckName)).Status);
    }

    [Fact]
    public async Task The_store_still_holding_the_moved_file_open_does_not_hide_that_it_is_gone()
    {
        // a connection the store opened before the move keeps working on the moved file: only a fresh open tells
        await using var held = await Host.Services.GetRequiredService<TestStore>().Database.OpenAsync(CancellationToken.None);
        var away = Path.Combine(_root, "moved-away");

        Directory.Move(DataDirectory, away);
        var gone = await Host.CheckAsync(CheckName);
        Directory.Move(away, DataDirectory);

        Assert.Equal(HealthStatus.Unhealthy, gone.Status);
    }

    [Fact]
    public async Task A_deleted_file_is_unhealthy_and_the_check_does_not_create_it_again()
    {
        File.Delete(DatabaseFile);

        var entry = await Host.CheckAsync(CheckName);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains(DatabaseFile, entry.Description, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Host.HealthStatusAsync());
        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public async Task A_database_locked_by_another_writer_answers_within_the_timeout()
    {
        // a rollback-journal database (not WAL) with an exclusive lock keeps every reader out
        var locked = Path.Combine(_root, "locked.db");
        await using (var setup = new SqliteConnection($"Data Source={locked};Pooling=False"))
        {
            await setup.OpenAsync();
            await using var create = setup.CreateCommand();
            create.CommandText = "PRAGMA journal_mode = DELETE; CREATE TABLE t (x INTEGER);";
            await create.ExecuteNonQueryAsync();
        }
        await using var writer = new SqliteConnection($"Data Source={locked};Pooling=False");
        await writer.OpenAsync();
        await using var begin = writer.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
        await begin.ExecuteNonQueryAsync();
        var check = new SqliteHealthCheck(locked, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(locked, result.Description, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the check took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Every_sqlite_store_gets_its_own_check()
    {
        var builder = TestHosts.Builder(
            ("ConnectionStrings:firstdb", $"Data Source={Path.Combine(_root, "first.db")}"),
            ("ConnectionStrings:seconddb", $"Data Source={Path.Combine(_root, "second.db")}"));

        builder.AddStore<TestStore, UnusedMongoTestStore, TestStoreSchema>("firstdb", database => new TestStore(database), _ => new TestStoreSchema());
        builder.AddStore<TestStore, UnusedMongoTestStore, TestStoreSchema>("seconddb", database => new TestStore(database), _ => new TestStoreSchema());
        using var provider = builder.Services.BuildServiceProvider();

        var names = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Select(r => r.Name).Where(name => name.StartsWith("sqlite-", StringComparison.Ordinal));
        Assert.Equal(["sqlite-firstdb", "sqlite-seconddb"], names.Order());
    }

    [Fact]
    public void The_store_creates_its_file_up_front_so_a_missing_file_means_it_was_taken_away()
    {
        var file = Path.Combine(_root, "fresh", "fresh.db");

        _ = new SqliteDatabase($"Data Source={file}");

        Assert.True(File.Exists(file));
    }

    private Task<HealthHost> StartAsync(params (string Key, string? Value)[] settings) =>
        HealthHost.StartAsync(
            builder => builder.AddStore<TestStore, UnusedMongoTestStore, TestStoreSchema>(ConnectionName, database => new TestStore(database), _ => new TestStoreSchema()),
            [($"ConnectionStrings:{ConnectionName}", $"Data Source={DatabaseFile}"), .. settings]);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
