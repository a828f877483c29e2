namespace ImagePipeline.Export.Tests.Support;

/// <summary>A clock that always says the same time, so stored timestamps can be asserted exactly.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
