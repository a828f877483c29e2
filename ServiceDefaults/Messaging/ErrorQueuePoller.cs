using System.Diagnostics.Metrics;
using MassTransit.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// Reads this service's error queue counts every <c>Messaging:ErrorQueuePollInterval</c> and publishes them as the
/// observable gauge <see cref="InstrumentName"/> (meter <c>ImagePipeline</c>, tag <c>queue</c>), which the dashboard
/// shows under the service's metrics.
/// </summary>
public sealed class ErrorQueuePoller(
    ErrorQueues queues, IBusInstance bus, MessagingOptions options, IMeterFactory meters, ILogger<ErrorQueuePoller> logger) : BackgroundService
{
    public const string InstrumentName = "imagepipeline.messaging.error_queue.messages";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var meter = meters.Create(PipelineTelemetry.MeterName);
        meter.CreateObservableGauge(InstrumentName, Measure, "{message}",
            "Messages in this service's _error queues: they failed every retry and wait for an operator");
        using var timer = new PeriodicTimer(options.ErrorQueuePollInterval);
        do
        {
            try
            {
                await queues.ReadAsync(bus, options.HealthCheckTimeout, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // the broker is away (BrokerHealthCheck says so); the last counts stand until it answers again
                logger.LogDebug(ex, "Could not read the error queues' counts");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private IEnumerable<Measurement<long>> Measure() =>
        queues.Counts.Select(queue => new Measurement<long>(queue.Value, new KeyValuePair<string, object?>("queue", queue.Key)));

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
