using ImagePipeline.ServiceDefaults.Files;
using MassTransit.Testing;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>The worker's services with its consumer on a started MassTransit test harness.</summary>
internal sealed record HarnessWorker(IHost Host, ITestHarness Harness, IFileStore Files) : IAsyncDisposable
{
    /// <summary>The one message of type <typeparamref name="T"/> published, waiting (bounded by the harness) for it.</summary>
    public async Task<T> Single<T>() where T : class
    {
        Assert.True(await Harness.Published.Any<T>(), $"no {typeof(T).Name} was published");
        return Assert.Single(Harness.Published.Select<T>()).Context.Message;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Harness.Stop();
        }
        finally
        {
            Host.Dispose();
        }
    }
}
