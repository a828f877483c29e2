namespace ImagePipeline.TestSupport.Concurrency;

/// <summary>
/// Holds the first <c>parties</c> callers until all of them have arrived, so two deliveries of one message are provably
/// inside the consumer at once, at the worst moment. Later callers pass straight through. Every wait is bounded: if the
/// others never come (the bus handed the copies over one at a time), each goes on after the timeout and
/// <see cref="Met"/> stays false, which the test asserts.
/// </summary>
public sealed class Rendezvous(int parties, TimeSpan timeout)
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>Whether all parties were held here at the same time.</summary>
    public bool Met => _allArrived.Task.IsCompletedSuccessfully;

    public async Task ArriveAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Increment(ref _arrived);
        if (arrival > parties)
        {
            return;
        }
        if (arrival == parties)
        {
            _allArrived.TrySetResult();
            return;
        }
        try
        {
            await _allArrived.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // go on alone: the test sees Met is false and says the copies never overlapped
        }
    }
}
