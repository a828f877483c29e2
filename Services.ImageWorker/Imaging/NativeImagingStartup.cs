using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The worker's start-up step for <see cref="NativeImaging"/>: registered before the bus, so the policy and limits are
/// in force before the first message arrives rather than applied by whichever message resolves the codec first.
/// </summary>
public sealed class NativeImagingStartup(IOptions<ImageWorkerOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        NativeImaging.Apply(options.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
