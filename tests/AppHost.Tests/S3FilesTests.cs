using ImagePipeline.AppHost.Infrastructure;

namespace ImagePipeline.AppHost.Tests;

/// <summary>Files in an S3 bucket: the connection string every service gets, and the credentials beside it as secrets.</summary>
public sealed class S3FilesTests : IDisposable
{
    // local mode only checks that the server script exists, and nothing here starts it
    private readonly string _fakeServer = Path.GetTempFileName();

    private const string Bucket = "s3://pipeline-files?endpoint=http://10.0.0.5:8080&region=us-east-1&forcePathStyle=true";

    public static TheoryData<string> Services => ["gateway", "ingest", "imageworker", "export", "notifier"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_gets_the_bucket_and_the_credentials_from_secret_parameters(string service)
    {
        await using var model = await AppHostModel.CreateAsync(
            "local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", $"ConnectionStrings:files={Bucket}", "Parameters:files-access-key=AKIATEST", "Parameters:files-secret-key=s3cr3t",
            "Files:UrlMode=Presigned");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync(service);

        Assert.Equal(Bucket, environment["ConnectionStrings__files"]);
        Assert.Equal("AKIATEST", environment["Files__AccessKey"]);
        Assert.Equal("s3cr3t", environment["Files__SecretKey"]);
        Assert.Equal("Presigned", environment["Files__UrlMode"]);
        Assert.True(((ParameterResource)model[FileStoreCredentialParameters.AccessKeyName]).Secret);
        Assert.True(((ParameterResource)model[FileStoreCredentialParameters.SecretKeyName]).Secret);
    }

    [Fact]
    public async Task Keys_given_as_plain_settings_are_not_forwarded()
    {
        await using var model = await AppHostModel.CreateAsync(
            "local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", $"ConnectionStrings:files={Bucket}", "Files:AccessKey=AKIAPLAIN", "Files:SecretKey=plain-secret", "Files:MultipartPartBytes=16777216");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("imageworker");

        Assert.False(environment.ContainsKey("Files__AccessKey"));
        Assert.False(environment.ContainsKey("Files__SecretKey"));
        Assert.Equal("16777216", environment["Files__MultipartPartBytes"]);
        Assert.DoesNotContain(model.Builder.Resources, resource => resource.Name == FileStoreCredentialParameters.AccessKeyName);
    }

    [Fact]
    public async Task A_directory_store_gets_no_credentials()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "Parameters:files-access-key=AKIATEST", "Parameters:files-secret-key=s3cr3t");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("ingest");

        Assert.StartsWith("file:///", environment["ConnectionStrings__files"], StringComparison.Ordinal);
        Assert.False(environment.ContainsKey("Files__AccessKey"));
    }

    public void Dispose() => File.Delete(_fakeServer);
}
