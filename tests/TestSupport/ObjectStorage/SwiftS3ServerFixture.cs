using ImagePipeline.TestSupport.Infrastructure;
using Xunit;

namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>
/// One <see cref="SwiftS3Server"/> on loopback for a test class or collection, stopped when xunit disposes the fixture
/// (also after failed tests). Where Swift is not installed it starts nothing: <see cref="Server"/> skips the calling
/// <c>[SkippableFact]</c> with the reason, except under CI, where the start fails instead.
/// </summary>
public sealed class SwiftS3ServerFixture : IAsyncLifetime
{
    private SwiftS3Server? _server;

    public SwiftS3Server Server
    {
        get
        {
            Skip.If(RequiredInfrastructure.SwiftS3SkipReason() is not null, RequiredInfrastructure.SwiftS3SkipReason());
            return _server ?? throw new InvalidOperationException("The Swift S3 server did not start; see the fixture's error.");
        }
    }

    public async Task InitializeAsync()
    {
        if (RequiredInfrastructure.SwiftS3SkipReason() is null)
        {
            _server = await SwiftS3Server.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
