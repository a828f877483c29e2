namespace ImagePipeline.Ingest.Reconciliation;

/// <summary>
/// The loop of Ingest's periodic sweeps (the reconciler, retention): one pass every interval until the host stops; a
/// pass that fails is reported and the next one tries again, since every sweep finds its work anew from the store.
/// </summary>
public static class SweepLoop
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> sweep, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failed(ex);
            }
        }
    }
}
