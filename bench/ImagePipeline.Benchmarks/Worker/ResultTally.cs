namespace ImagePipeline.Benchmarks.Worker;

/// <summary>Counts the worker's results as they are published; a benchmark waits here for a batch to finish.</summary>
public sealed class ResultTally
{
    private readonly Lock _gate = new();
    private int _expected;
    private int _seen;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Failed { get; private set; }

    public string? FirstFailure { get; private set; }

    public Task Expect(int count)
    {
        lock (_gate)
        {
            _expected = count;
            _seen = 0;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _done.Task;
        }
    }

    public void Record(string? failure)
    {
        lock (_gate)
        {
            if (failure is not null)
            {
                Failed++;
                FirstFailure ??= failure;
            }
            if (++_seen == _expected)
            {
                _done.TrySetResult();
            }
        }
    }
}
