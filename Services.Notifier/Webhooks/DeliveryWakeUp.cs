namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// Tells the dispatcher there may be work before its next poll: a delivery was recorded, or an attempt finished and
/// freed a slot (or its host's share). Wakes coalesce: many while it is busy make one more look, which claims them all.
/// </summary>
public sealed class DeliveryWakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // a wake-up is already pending; the dispatcher's next look sees this one's work too
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
