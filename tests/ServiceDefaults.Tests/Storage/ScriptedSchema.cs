using ImagePipeline.Storage;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>
/// A schema whose attempts fail <paramref name="failures"/> times (a database not up yet) and then succeed; the first
/// attempt after the failures waits for <see cref="Release"/>, so a test can look at the service while it retries.
/// </summary>
public sealed class ScriptedSchema(string name, int failures, bool holdSuccess = false) : IStoreSchema
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _succeeding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    public string Name => name;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Completes when the attempt that will succeed has begun.</summary>
    public Task Succeeding => _succeeding.Task;

    public bool Created { get; private set; }

    public void Release() => _release.TrySetResult();

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _attempts) <= failures)
        {
            throw new TimeoutException($"{name} is not up yet");
        }
        _succeeding.TrySetResult();
        if (holdSuccess)
        {
            await _release.Task.WaitAsync(cancellationToken);
        }
        Created = true;
    }
}
