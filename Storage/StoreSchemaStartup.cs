using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Storage;

/// <summary>
/// The start-up step that makes every registered store's schema (<see cref="IStoreSchema"/>) before anything else of
/// the service starts: hosted services start one after another in registration order and this one is registered
/// first, so the bus and the background services never run against a missing table or index. A failed attempt (a
/// database not up yet) is logged and tried again after <c>Storage:SchemaRetryDelay</c>, doubling up to
/// <c>Storage:SchemaRetryMaxDelay</c>, until it succeeds or the host stops.
/// </summary>
public sealed partial class StoreSchemaStartup(
    IEnumerable<IStoreSchema> schemas, StoreSchemaProgress progress, IOptions<StorageOptions> options, ILogger<StoreSchemaStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in schemas)
        {
            await CreateAsync(schema, cancellationToken);
        }
        progress.Done();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateAsync(IStoreSchema schema, CancellationToken cancellationToken)
    {
        var delay = options.Value.SchemaRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await schema.CreateAsync(cancellationToken);
                LogCreated(schema.Name, attempt);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                progress.Failed(schema.Name, ex);
                LogFailed(ex, schema.Name, attempt, delay.TotalSeconds);
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.SchemaRetryMaxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of {Schema} created (attempt {Attempt})")]
    private partial void LogCreated(string schema, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema of {Schema} not created (attempt {Attempt}); trying again in {DelaySeconds} s")]
    private partial void LogFailed(Exception error, string schema, int attempt, double delaySeconds);
}
