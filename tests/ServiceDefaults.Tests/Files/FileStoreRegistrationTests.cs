using ImagePipeline.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>AddFileStore picks the backend from <c>ConnectionStrings:files</c>.</summary>
public sealed class FileStoreRegistrationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-files-{Guid.NewGuid():N}");

    [Fact]
    public void A_file_uri_gives_a_directory_store_there()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", new Uri(_root + "/").AbsoluteUri), ("PublicBaseUrl", "https://pipeline.example/"));

        builder.AddFileStore();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.IsType<DirectoryFileStore>(provider.GetRequiredService<IFileStore>());
        Assert.True(Directory.Exists(_root));
        Assert.Equal("https://pipeline.example", provider.GetRequiredService<PublicUrls>().BaseUrl);
        Assert.Null(provider.GetKeyedService<IMongoClient>(FileStoreExtensions.ConnectionName));
    }

    [Fact]
    public void A_mongodb_url_gives_gridfs_in_the_database_it_names()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", "mongodb://admin:pw@127.0.0.1:27017/filesdb?authSource=admin&authMechanism=SCRAM-SHA-256"));

        builder.AddFileStore();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.IsType<GridFsFileStore>(provider.GetRequiredService<IFileStore>());
        var client = provider.GetRequiredKeyedService<IMongoClient>(FileStoreExtensions.ConnectionName);
        Assert.Equal(27017, Assert.Single(client.Settings.Servers).Port);
        Assert.Equal(TestHosts.ApplicationName, client.Settings.ApplicationName);
        // the service's own database client stays its own
        Assert.Null(provider.GetService<IMongoClient>());
        var healthChecks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal("MongoDB.Driver_files", Assert.Single(healthChecks).Name);
    }

    [Fact]
    public void A_mongodb_url_without_a_database_is_refused_clearly()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", "mongodb://127.0.0.1:27017"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddFileStore());

        Assert.Contains("must name the database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_string_is_refused_clearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestHosts.Builder().AddFileStore());

        Assert.Contains("ConnectionStrings:files is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_scheme_is_not_supported()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", "ftp://files.example/files"));

        Assert.Throws<NotSupportedException>(() => builder.AddFileStore());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
