using ImagePipeline.TestSupport.Hosting;
using MassTransit.Testing;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>
/// The real ImageWorker (<see cref="ServiceApp{TProgram}"/> over its Program) with a file store folder of its own, which
/// goes when the app does.
/// </summary>
internal sealed class WorkerApp(ServiceApp<Program> app, TempDirectory files) : IDisposable, IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public ITestHarness Harness => app.Harness;

    public void Dispose()
    {
        try
        {
            app.Dispose();
        }
        finally
        {
            files.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.DisposeAsync();
        }
        finally
        {
            files.Dispose();
        }
    }
}
