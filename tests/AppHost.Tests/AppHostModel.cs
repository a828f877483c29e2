using Aspire.Hosting.Testing;
using ImagePipeline.AppHost.Mongo;

namespace ImagePipeline.AppHost.Tests;

/// <summary>
/// The AppHost's application model, built from its own Program with the given settings but never started: no
/// container, process or port is used.
/// </summary>
public sealed class AppHostModel : IAsyncDisposable
{
    public const string MongoPassword = "test-password";

    private AppHostModel(IDistributedApplicationTestingBuilder builder, string dataDirectory)
    {
        Builder = builder;
        DataDirectory = dataDirectory;
    }

    public IDistributedApplicationTestingBuilder Builder { get; }

    public string DataDirectory { get; }

    public IResource this[string name] => Builder.Resources.Single(resource => resource.Name == name);

    public static async Task<AppHostModel> CreateAsync(string mode, params string[] settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-apphost-{Guid.NewGuid():N}");
        string[] args =
        [
            $"Infrastructure:Mode={mode}",
            $"Infrastructure:DataDirectory={dataDirectory}",
            $"Parameters:mongo-password={MongoPassword}",
            "Parameters:webhook-signing-secret=whsec_dGVzdA==",
            "DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
            .. settings,
        ];
        try
        {
            return new AppHostModel(await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args), dataDirectory);
        }
        catch
        {
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>Gives every endpoint an address: MongoDB's <c>localhost:27017</c>, the others ports from 41000 up.</summary>
    public void AllocateEndpoints()
    {
        FakeEndpoints.AllocateAll(Builder.Resources.OfType<MongoDBServerResource>(), firstPort: 27017);
        FakeEndpoints.AllocateAll(Builder.Resources, firstPort: 41000);
    }

    public Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(string resourceName) =>
        ResolvedEnvironment.OfAsync(this[resourceName], Builder.ExecutionContext);

    public async ValueTask DisposeAsync()
    {
        await Builder.DisposeAsync();
        DeleteDirectory(DataDirectory);
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
