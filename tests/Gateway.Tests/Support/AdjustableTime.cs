namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class AdjustableTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
