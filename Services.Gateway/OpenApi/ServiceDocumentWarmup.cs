namespace ImagePipeline.Gateway.OpenApi;

/// <summary>
/// Fetches the services' documents once at start, in the background: a service builds its document on the first
/// ask, which can take seconds, and the first reader of the reference page should not be the one who waits.
/// </summary>
public sealed class ServiceDocumentWarmup(ServiceDocumentCache documents) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await documents.GetAllAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopped before the services answered: nothing to warm any more
        }
    }
}
