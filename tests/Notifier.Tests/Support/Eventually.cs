namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>Bounded polling for conditions that become true asynchronously.</summary>
public static class Eventually
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(25);

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        await TrueAsync(() => Task.FromResult(condition()), timeout, what);
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }
            await Task.Delay(Step);
        }
    }
}
