namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>What <see cref="RetryProbeConsumer"/> throws on each attempt (1-based), null to succeed; counts the attempts.</summary>
public sealed class FailurePlan(Func<int, Exception?> failure)
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public Exception? Next() => failure(Interlocked.Increment(ref _attempts));
}
