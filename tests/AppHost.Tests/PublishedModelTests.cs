using System.Text.Json;
using Aspire.Hosting.Publishing;
using Aspire.Hosting.Testing;
using ImagePipeline.AppHost.Infrastructure;
using ImagePipeline.AppHost.LocalRabbitMQ;

namespace ImagePipeline.AppHost.Tests;

/// <summary>
/// Building the model to publish it does nothing on this machine: the AppHost's run-time work (the local node's
/// directories, files and ports, the files directory, the container-runtime probe) happens only when it runs.
/// </summary>
public sealed class PublishedModelTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imagepipeline-publish-").FullName;
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"imagepipeline-manifest-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("auto", typeof(RabbitMQServerResource))]
    [InlineData("containers", typeof(RabbitMQServerResource))]
    [InlineData("local", typeof(LocalRabbitMQServerResource))]
    public async Task Building_and_writing_the_manifest_touches_no_file_and_asks_no_container_runtime(string mode, Type broker)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--operation", "publish", "--publisher", "manifest", "--output-path", _output,
            $"Infrastructure:Mode={mode}",
            $"Infrastructure:DataDirectory={_dataDirectory}",
            // a run would refuse a missing server; a publish never looks for it
            $"Infrastructure:RabbitMQ:ServerPath={Path.Combine(_dataDirectory, "no-rabbitmq-server")}",
            $"Parameters:mongo-password={AppHostModel.MongoPassword}",
            "Parameters:webhook-signing-secret=whsec_dGVzdA==",
        ]);

        var manifest = await ManifestOf(builder);

        Assert.True(builder.ExecutionContext.IsPublishMode);
        Assert.IsType(broker, builder.Resources.Single(resource => resource.Name == "messaging"));
        Assert.Contains("\"imageworker\"", manifest, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDirectory));
        Assert.False(Directory.Exists(_output));
        var choice = Assert.IsType<InfrastructureChoice>(
            builder.Services.Single(service => service.ServiceType == typeof(InfrastructureChoice)).ImplementationInstance);
        Assert.False(choice.ProbedContainerRuntime);
    }

    public void Dispose()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    // what the manifest publisher evaluates for each resource: its environment, arguments and connection string, in
    // publish mode; written to memory
    private static async Task<string> ManifestOf(IDistributedApplicationTestingBuilder builder)
    {
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream))
        {
            var context = new ManifestPublishingContext(
                builder.ExecutionContext, Path.Combine(Path.GetTempPath(), "manifest.json"), writer, CancellationToken.None);
            writer.WriteStartObject();
            foreach (var resource in builder.Resources)
            {
                writer.WriteStartObject(resource.Name);
                if (resource is IResourceWithConnectionString)
                {
                    context.WriteConnectionString(resource);
                }
                await context.WriteEnvironmentVariablesAsync(resource);
                await context.WriteCommandLineArgumentsAsync(resource);
                context.WriteBindings(resource);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
