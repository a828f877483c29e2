using Amazon.S3;
using ImagePipeline.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>AddFileStore with an <c>s3://</c> connection string, and the output URL modes of <c>Files:UrlMode</c>.</summary>
public sealed class S3FileStoreRegistrationTests
{
    private const string Bucket = "s3://pipeline-files?endpoint=http://127.0.0.1:9000&forcePathStyle=true";
    private const string ImageKey = "images/0f8e4a6c2b1d4e3f9a8b7c6d5e4f3a2b.jpg";

    [Fact]
    public void An_s3_url_gives_an_s3_store_on_that_bucket_with_a_listing_health_check()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", Bucket), ("Files:AccessKey", "key"), ("Files:SecretKey", "secret"));

        builder.AddFileStore();
        using var provider = builder.Services.BuildServiceProvider();

        var store = Assert.IsType<S3FileStore>(provider.GetRequiredService<IFileStore>());
        Assert.Equal("pipeline-files", store.Bucket);
        var client = provider.GetRequiredKeyedService<IAmazonS3>(FileStoreExtensions.ConnectionName);
        Assert.Equal("http://127.0.0.1:9000/", client.Config.ServiceURL);
        Assert.True(((AmazonS3Config)client.Config).ForcePathStyle);
        Assert.Equal(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, client.Config.RequestChecksumCalculation);
        Assert.Equal(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED, client.Config.ResponseChecksumValidation);
        var healthChecks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal(FileStoreExtensions.S3HealthCheckName, Assert.Single(healthChecks).Name);
    }

    [Fact]
    public void Image_urls_go_through_the_gateway_by_default()
    {
        var urls = PublicUrlsOf(("ConnectionStrings:files", Bucket), ("PublicBaseUrl", "https://pipeline.example"));

        Assert.Equal($"https://pipeline.example/files/{ImageKey}", urls.File(ImageKey));
    }

    [Fact]
    public void Public_base_mode_puts_image_keys_under_the_base_and_keeps_the_rest_on_the_gateway()
    {
        var urls = PublicUrlsOf(
            ("ConnectionStrings:files", Bucket), ("PublicBaseUrl", "https://pipeline.example"),
            ("Files:UrlMode", "PublicBase"), ("Files:BucketBaseUrl", "https://cdn.example/pipeline/"));

        Assert.Equal($"https://cdn.example/pipeline/{ImageKey}", urls.File(ImageKey));
        Assert.Equal("https://pipeline.example/files/exports/a.csv", urls.File("exports/a.csv"));
    }

    [Fact]
    public void Presigned_mode_signs_a_get_of_the_object_for_the_configured_lifetime()
    {
        var urls = PublicUrlsOf(
            ("ConnectionStrings:files", Bucket), ("Files:AccessKey", "key"), ("Files:SecretKey", "secret"),
            ("Files:UrlMode", "Presigned"), ("Files:PresignedUrlLifetime", "01:00:00"));

        var url = new Uri(urls.File(ImageKey));

        Assert.Equal($"http://127.0.0.1:9000/pipeline-files/{ImageKey}", url.GetLeftPart(UriPartial.Path));
        // the SDK counts the seconds from its own clock reading, a moment after ours
        var expires = int.Parse(System.Web.HttpUtility.ParseQueryString(url.Query)["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, 3590, 3600);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", url.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Presigned", "file:///tmp/imagepipeline-never-created/")]
    [InlineData("PublicBase", Bucket)]
    public void A_url_mode_the_store_cannot_serve_stops_the_service_at_start(string mode, string connectionString)
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", connectionString), ("Files:UrlMode", mode));

        Assert.Throws<InvalidOperationException>(() => builder.AddFileStore());
    }

    [Theory]
    [InlineData("Files:PresignedUrlLifetime", "8.00:00:00")]
    [InlineData("Files:PresignedUrlLifetime", "00:00:00")]
    [InlineData("Files:MultipartPartBytes", "1048576")]
    public void A_setting_out_of_range_stops_the_service_at_start(string setting, string value)
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", Bucket), ("Files:UrlMode", "Presigned"), (setting, value));

        Assert.Throws<InvalidOperationException>(() => builder.AddFileStore());
    }

    [Fact]
    public void An_access_key_without_its_secret_is_refused()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:files", Bucket), ("Files:AccessKey", "key"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddFileStore());

        Assert.Contains("files-secret-key", error.Message, StringComparison.Ordinal);
    }

    private static PublicUrls PublicUrlsOf(params (string Key, string? Value)[] settings)
    {
        var builder = TestHosts.Builder(settings);
        builder.AddFileStore();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<PublicUrls>();
    }
}
