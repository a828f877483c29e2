using ImagePipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>The start-up step that makes every store's schema, and the readiness it reports while it works.</summary>
public sealed class StoreSchemaStartupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_schema_that_fails_is_tried_again_and_the_service_is_not_ready_until_it_is_made()
    {
        var schema = new ScriptedSchema("flaky", failures: 2, holdSuccess: true);
        var progress = new StoreSchemaProgress();
        var check = new StoreSchemaHealthCheck(progress);

        var start = Startup(progress, schema).StartAsync(CancellationToken.None);
        await schema.Succeeding.WaitAsync(Bound);
        var whileRetrying = await check.CheckHealthAsync(new HealthCheckContext());
        schema.Release();
        await start.WaitAsync(Bound);
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, whileRetrying.Status);
        Assert.Contains("Schema not created yet", whileRetrying.Description, StringComparison.Ordinal);
        Assert.Contains("flaky is not up yet", whileRetrying.Description, StringComparison.Ordinal);
        Assert.Equal((3, true), (schema.Attempts, schema.Created));
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    [Fact]
    public async Task Before_the_step_has_run_the_check_is_unhealthy()
    {
        var result = await new StoreSchemaHealthCheck(new StoreSchemaProgress()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "Schema not created yet."), (result.Status, result.Description));
    }

    [Fact]
    public async Task Every_registered_schema_is_made_in_order_before_start_returns()
    {
        var first = new ScriptedSchema("first", failures: 0);
        var second = new ScriptedSchema("second", failures: 1);
        var progress = new StoreSchemaProgress();

        await Startup(progress, first, second).StartAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal((true, 1, true, 2, true), (first.Created, first.Attempts, second.Created, second.Attempts, progress.Created));
    }

    [Fact]
    public async Task Stopping_the_host_ends_the_retries_and_the_service_stays_not_ready()
    {
        var schema = new ScriptedSchema("down", failures: int.MaxValue);
        var progress = new StoreSchemaProgress();
        using var stopping = new CancellationTokenSource();

        using var bound = new CancellationTokenSource(Bound);

        var start = Startup(progress, schema).StartAsync(stopping.Token);
        while (schema.Attempts < 2)
        {
            await Task.Delay(10, bound.Token);
        }
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start.WaitAsync(Bound));
        Assert.False(progress.Created);
        Assert.Equal(HealthStatus.Unhealthy, (await new StoreSchemaHealthCheck(progress).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public void The_step_is_registered_once_and_before_the_bus_whatever_the_order_of_registration()
    {
        var builder = TestHosts.Builder(
            ("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/"),
            ("ConnectionStrings:firstdb", $"Data Source={Path.Combine(Path.GetTempPath(), $"schema-order-{Guid.NewGuid():N}.db")}"),
            ("ConnectionStrings:seconddb", $"Data Source={Path.Combine(Path.GetTempPath(), $"schema-order-{Guid.NewGuid():N}.db")}"));

        builder.AddMessaging(_ => { });
        builder.AddStore<TestStore, UnusedMongoTestStore, TestStoreSchema>("firstdb", database => new TestStore(database), _ => new TestStoreSchema());
        builder.AddStore<TestStore, UnusedMongoTestStore, TestStoreSchema>("seconddb", database => new TestStore(database), _ => new TestStoreSchema());

        var hosted = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.Equal(typeof(StoreSchemaStartup), hosted[0].ImplementationType);
        Assert.Single(hosted, d => d.ImplementationType == typeof(StoreSchemaStartup));
        Assert.Contains(hosted, d => d.ImplementationType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true);
        Assert.Equal(2, builder.Services.Count(d => d.ServiceType == typeof(IStoreSchema)));
    }

    [Fact]
    public async Task The_step_reports_itself_as_a_ready_check()
    {
        var builder = TestHosts.Builder();
        builder.Services.AddStoreSchemaStartup();
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync(check => check.Name == StoreSchemaHealthCheck.Name);
        await host.StartAsync();
        var after = await health.CheckHealthAsync(check => check.Name == StoreSchemaHealthCheck.Name);
        await host.StopAsync();

        var registration = Assert.Single(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == StoreSchemaHealthCheck.Name);
        Assert.Contains("ready", registration.Tags);
        Assert.Equal((HealthStatus.Unhealthy, HealthStatus.Healthy), (before.Status, after.Status));
    }

    [Theory]
    [InlineData("00:00:00", "00:00:30")]
    [InlineData("00:00:05", "00:00:01")]
    public async Task A_retry_delay_that_is_not_positive_or_above_its_maximum_stops_the_start(string delay, string maxDelay)
    {
        var builder = TestHosts.Builder(("Storage:SchemaRetryDelay", delay), ("Storage:SchemaRetryMaxDelay", maxDelay));
        builder.Services.AddStoreSchemaStartup();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:SchemaRetry", error.Message, StringComparison.Ordinal);
    }

    private static StoreSchemaStartup Startup(StoreSchemaProgress progress, params IStoreSchema[] schemas) =>
        new(schemas, progress,
            Options.Create(new StorageOptions { SchemaRetryDelay = TimeSpan.FromMilliseconds(10), SchemaRetryMaxDelay = TimeSpan.FromMilliseconds(20) }),
            NullLogger<StoreSchemaStartup>.Instance);
}
