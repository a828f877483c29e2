using ImagePipeline.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>
/// The bus's two retry policies (<see cref="MessagingExtensions.ConfigureReliability"/>) on MassTransit's in-memory
/// harness: a storage outage outlasting the ordinary retries is waited out, poison still faults after the ordinary ones.
/// </summary>
public sealed class ReliabilityRetryTests
{
    // short intervals so the test is quick; the limits are what matter
    private static readonly MessagingOptions Options = new()
    {
        RetryLimit = 2,
        RetryMinInterval = TimeSpan.FromMilliseconds(10),
        RetryMaxInterval = TimeSpan.FromMilliseconds(20),
        TransientRetryLimit = 12,
        TransientRetryMinInterval = TimeSpan.FromMilliseconds(10),
        TransientRetryMaxInterval = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task A_locked_database_for_longer_than_the_ordinary_retries_is_waited_out_and_nothing_faults()
    {
        // locked on the first 8 attempts: the ordinary policy alone would give up after 3
        var plan = new FailurePlan(attempt => attempt <= 8 ? new SqliteException("database is locked", 5) : null);
        await using var provider = Harness(plan);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RetryProbe(Guid.NewGuid()));

        Assert.True(await harness.Consumed.Any<RetryProbe>());
        await harness.InactivityTask;
        Assert.Equal(9, plan.Attempts);
        Assert.False(await harness.Published.Any<Fault<RetryProbe>>());
    }

    [Fact]
    public async Task An_outage_past_the_transient_limit_still_faults_rather_than_hold_the_message_for_ever()
    {
        var plan = new FailurePlan(_ => new SqliteException("unable to open database file", 14));
        await using var provider = Harness(plan);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RetryProbe(Guid.NewGuid()));

        Assert.True(await harness.Published.Any<Fault<RetryProbe>>());
        Assert.Equal(Options.TransientRetryLimit + 1, plan.Attempts);
    }

    [Fact]
    public async Task A_poison_message_faults_after_the_ordinary_retries()
    {
        var plan = new FailurePlan(_ => new InvalidOperationException("poison"));
        await using var provider = Harness(plan);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RetryProbe(Guid.NewGuid()));

        Assert.True(await harness.Published.Any<Fault<RetryProbe>>());
        await harness.InactivityTask;
        Assert.Equal(Options.RetryLimit + 1, plan.Attempts);
    }

    [Fact]
    public async Task A_poison_failure_after_an_outage_gets_the_ordinary_retries_not_the_long_ones()
    {
        var plan = new FailurePlan(attempt => attempt <= 2 ? new SqliteException("database is locked", 5) : new FormatException("poison"));
        await using var provider = Harness(plan);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RetryProbe(Guid.NewGuid()));

        Assert.True(await harness.Published.Any<Fault<RetryProbe>>());
        await harness.InactivityTask;
        Assert.Equal(2 + Options.RetryLimit + 1, plan.Attempts);
    }

    private static ServiceProvider Harness(FailurePlan plan) =>
        new ServiceCollection()
            .AddSingleton(plan)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<RetryProbeConsumer>();
                bus.UsingInMemory((context, memory) =>
                {
                    MessagingExtensions.ConfigureReliability(memory, context, Options);
                    memory.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
}
