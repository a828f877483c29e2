using System.Net;
using Amazon.S3.Model;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>The pipeline with its files in an S3 bucket: the objects land there, the presigned output URLs work, a purge empties it.</summary>
public sealed class S3PipelineTests(S3PipelineFixture pipeline) : IClassFixture<S3PipelineFixture>
{
    [RequiresS3AppHostFact]
    public async Task Upload_lands_csv_images_and_output_in_the_bucket_with_working_presigned_urls_and_a_purge_empties_it()
    {
        // Arrange: three products, four images, one of them missing at its source
        pipeline.Serve("a.jpg", TestImages.Jpeg(800, 600, quality: 90), "image/jpeg");
        pipeline.Serve("b.png", TestImages.Png(400, 300), "image/png");
        var missing = pipeline.ImageServer.Url("/images/missing.jpg").ToString();
        var csv = PipelineApi.Csv(
        [
            (1, "Chair", [pipeline.ImageServer.Url("/images/a.jpg").ToString()]),
            (2, "Table", [pipeline.ImageServer.Url("/images/b.png").ToString(), pipeline.ImageServer.Url("/images/a.jpg?second").ToString()]),
            (3, "Lamp", [missing]),
        ]);

        // Act
        var requestId = await PipelineApi.UploadAsync(pipeline.Gateway, csv);
        var status = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);

        // Assert: the uploaded CSV, three images and the output CSV are objects in the bucket, nothing else
        Assert.Equal("CompletedWithErrors", status.String("status"));
        var keys = await KeysAsync();
        Assert.Contains($"uploads/{requestId:N}.csv", keys);
        Assert.Contains($"exports/{requestId:N}.csv", keys);
        var imageKeys = keys.Where(key => key.StartsWith("images/", StringComparison.Ordinal)).ToList();
        // each processed image beside its two previews (the source's and the output's)
        Assert.Equal(3, imageKeys.Count(key => !key.Contains("-preview.", StringComparison.Ordinal)));
        Assert.Equal(6, imageKeys.Count(key => key.Contains("-preview.", StringComparison.Ordinal)));

        // every output URL is a presigned GET on the bucket that a client without credentials can follow
        var output = await PipelineApi.OutputCsvAsync(pipeline.Gateway, requestId);
        var outputUrls = output.Skip(1).SelectMany(row => row[3].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, outputUrls.Count);
        using var anonymous = new HttpClient();
        foreach (var url in outputUrls)
        {
            var uri = new Uri(url);
            Assert.StartsWith($"{pipeline.Swift.Endpoint.AbsoluteUri}{pipeline.Bucket}/images/", uri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
            Assert.Contains("X-Amz-Signature=", uri.Query, StringComparison.Ordinal);
            using var direct = await anonymous.GetAsync(uri);
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.StartsWith("image/", direct.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

            // the gateway's /files still serves the same object, read through the S3 store
            var key = uri.AbsolutePath[(pipeline.Bucket.Length + 2)..];
            using var throughGateway = await pipeline.Gateway.GetAsync($"/files/{key}");
            Assert.Equal(HttpStatusCode.OK, throughGateway.StatusCode);
            var bytes = await direct.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes, await throughGateway.Content.ReadAsByteArrayAsync());
            // and answers a range from it, as it does from a directory
            using var range = new HttpRequestMessage(HttpMethod.Get, $"/files/{key}") { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199) } };
            using var partial = await pipeline.Gateway.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());
        }

        // a purge deletes the request's objects (retention purges through the same code)
        using var purge = await pipeline.Gateway.DeleteAsync($"/api/requests/{requestId}?purge=true");
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        Assert.Empty(await KeysAsync());
    }

    private async Task<List<string>> KeysAsync()
    {
        using var client = pipeline.Swift.CreateClient();
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = pipeline.Bucket });
        return [.. (listing.S3Objects ?? []).Select(o => o.Key)];
    }
}
