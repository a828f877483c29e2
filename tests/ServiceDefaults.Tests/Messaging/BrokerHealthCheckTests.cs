using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImagePipeline.Contracts;
using ImagePipeline.ServiceDefaults.Messaging;
using ImagePipeline.ServiceDefaults.Tests.Health;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>
/// The broker health check of a publish-only bus, the gateway's: MassTransit's own check looks only at receive
/// endpoints and calls such a bus healthy with its broker gone. Against a real private RabbitMQ node that is stopped
/// and frozen, a port nobody listens on, and a listener that never speaks AMQP.
/// </summary>
public sealed class BrokerHealthCheckTests(RabbitMQNodeFixture broker, ITestOutputHelper output) : IClassFixture<RabbitMQNodeFixture>
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_bus_whose_broker_is_not_there_is_unhealthy_and_says_where_it_looked()
    {
        var port = FreePort();
        await using var host = await StartAsync(port);

        var entry = await host.CheckAsync(BrokerHealthCheck.Name);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"127.0.0.1:{port}", entry.Description, StringComparison.Ordinal);
        Assert.Contains("ready", entry.Tags);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.HealthStatusAsync());
    }

    [Fact]
    public async Task A_listener_that_never_speaks_AMQP_is_unhealthy_without_holding_the_check()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var host = await StartAsync(port);
        var clock = Stopwatch.StartNew();

        var entry = await host.CheckAsync(BrokerHealthCheck.Name);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"127.0.0.1:{port}", entry.Description, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < CheckTimeout + TimeSpan.FromSeconds(2), $"the check took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task A_publish_only_bus_is_unhealthy_while_its_broker_is_stopped_and_healthy_again_by_itself()
    {
        Skip.If(RabbitMQNodeFixture.SkipReason is not null, RabbitMQNodeFixture.SkipReason);
        await using var host = await StartAsync(broker.Node.Port);
        await WaitForAsync(host, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        await broker.Node.StopAsync();
        var down = await WaitForAsync(host, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        var whileDown = await host.CheckAsync(BrokerHealthCheck.Name);
        await broker.Node.RestartAsync();
        // nothing publishes meanwhile: the check alone has to find the broker again
        var back = await WaitForAsync(host, HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        output.WriteLine($"503 {down.TotalSeconds:F1} s after the broker stopped ({whileDown.Description}); 200 {back.TotalSeconds:F1} s after it was back");
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Status);
        Assert.Contains($"127.0.0.1:{broker.Node.Port}", whileDown.Description, StringComparison.Ordinal);
        await PublishAsync(host);
    }

    [SkippableFact]
    public async Task A_frozen_broker_is_unhealthy_within_the_timeout_and_healthy_again_once_it_answers()
    {
        Skip.If(RabbitMQNodeFixture.SkipReason is not null, RabbitMQNodeFixture.SkipReason);
        await using var host = await StartAsync(broker.Node.Port);
        await WaitForAsync(host, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        await broker.Node.FreezeAsync();
        HealthReportEntry frozen;
        var clock = Stopwatch.StartNew();
        try
        {
            // the bus's connection is still open: only a round trip shows nobody answers
            frozen = await host.CheckAsync(BrokerHealthCheck.Name);
        }
        finally
        {
            await broker.Node.ThawAsync();
        }
        var checkTook = clock.Elapsed;
        var back = await WaitForAsync(host, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        output.WriteLine($"frozen: {frozen.Status} after {checkTook.TotalSeconds:F1} s ({frozen.Description}); 200 {back.TotalSeconds:F1} s after the thaw");
        Assert.Equal(HealthStatus.Unhealthy, frozen.Status);
        Assert.Contains($"did not answer within {CheckTimeout.TotalSeconds:0} s", frozen.Description, StringComparison.Ordinal);
        Assert.True(checkTook < CheckTimeout + TimeSpan.FromSeconds(2), $"the check took {checkTook.TotalSeconds:F1} s");
        await PublishAsync(host);
    }

    private static Task<HealthHost> StartAsync(int port) =>
        HealthHost.StartAsync(
            builder => builder.AddMessaging(_ => { }),
            ("ConnectionStrings:messaging", $"amqp://guest:guest@127.0.0.1:{port}/"),
            ("Messaging:HealthCheckTimeout", CheckTimeout.ToString("c", CultureInfo.InvariantCulture)));

    // the probe shares the bus's connection: it must leave that connection fit for publishing
    private static async Task PublishAsync(HealthHost host)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var message = new RequestSubmitted { RequestId = Guid.NewGuid(), CsvFileKey = "uploads/probe.csv", ProductCount = 1, ImageCount = 1, SubmittedAt = DateTimeOffset.UtcNow };
        await host.Services.GetRequiredService<IBus>().Publish(message, deadline.Token);
    }

    private static async Task<TimeSpan> WaitForAsync(HealthHost host, HttpStatusCode expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = (HttpStatusCode)0;
        while (clock.Elapsed < timeout)
        {
            last = await host.HealthStatusAsync();
            if (last == expected)
            {
                return clock.Elapsed;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"/health did not answer {(int)expected} within {timeout.TotalSeconds:0} s; last answer {(int)last}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
