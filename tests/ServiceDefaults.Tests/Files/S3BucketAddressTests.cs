using ImagePipeline.Storage.Files;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>The <c>s3://</c> form of <c>ConnectionStrings:files</c>, and what it refuses.</summary>
public sealed class S3BucketAddressTests
{
    [Fact]
    public void Reads_bucket_endpoint_region_and_path_style()
    {
        var address = S3BucketAddress.Parse("s3://pipeline-files?endpoint=http://10.0.0.5:7480&region=eu-west-1&forcePathStyle=true");

        Assert.Equal(new S3BucketAddress("pipeline-files", new Uri("http://10.0.0.5:7480"), "eu-west-1", ForcePathStyle: true), address);
    }

    [Fact]
    public void Without_an_endpoint_it_is_aws_s3_in_us_east_1_with_virtual_hosted_addressing()
    {
        var address = S3BucketAddress.Parse("s3://pipeline-files");

        Assert.Equal(new S3BucketAddress("pipeline-files", null, "us-east-1", ForcePathStyle: false), address);
    }

    [Fact]
    public void Credentials_in_the_url_are_refused_and_never_repeated()
    {
        var error = Assert.Throws<InvalidOperationException>(() => S3BucketAddress.Parse("s3://AKIAEXAMPLE:topsecret@pipeline-files?endpoint=http://s3.local:9000"));

        Assert.Contains("files-access-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_is_refused_by_name_without_its_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => S3BucketAddress.Parse("s3://pipeline-files?secretKey=topsecret"));

        Assert.Contains("'secretKey'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://pipeline-files/some/prefix")]
    [InlineData("s3://ab")]
    [InlineData("s3://pipeline-files?endpoint=ftp://s3.local")]
    [InlineData("s3://pipeline-files?endpoint=http://user:pw@s3.local")]
    [InlineData("s3://pipeline-files?forcePathStyle=yes")]
    [InlineData("s3://pipeline-files?region=")]
    [InlineData("https://pipeline-files")]
    public void A_malformed_url_is_refused(string connectionString)
    {
        Assert.Throws<InvalidOperationException>(() => S3BucketAddress.Parse(connectionString));
    }
}
