using ImagePipeline.Storage;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>The schema of <see cref="TestStore"/>, which has nothing to make: the tests create their own tables.</summary>
public sealed class TestStoreSchema : IStoreSchema
{
    public string Name => "test store";

    public Task CreateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
