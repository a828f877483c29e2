using System.Text;
using ImageMagick;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Consumers;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Consumers;

public sealed class ProcessImageConsumerTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "http://gateway.test";
    private static readonly byte[] Photo = TestImages.Jpeg(800, 600, quality: 90);

    private readonly TempDirectory _directory = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/photo.jpg", () => Results.Bytes(Photo, "image/jpeg"));
            app.MapGet("/missing.jpg", () => Results.NotFound());
            app.MapGet("/login.jpg", () => Results.Bytes(Encoding.UTF8.GetBytes("<!DOCTYPE html><html>Please sign in</html>"), "image/jpeg"));
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_image_is_compressed_stored_and_announced()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/photo.jpg").ToString());

        await worker.Harness.Bus.Publish(message);

        var announced = await worker.Single<ImageProcessed>();
        var processed = announced.Outcome;
        var key = FileKey.ForImage(message.ImageId, "jpg");
        Assert.Equal((message.RequestId, message.ImageId), (announced.RequestId, announced.ImageId));
        Assert.Equal(key, processed.OutputKey);
        Assert.Equal($"{PublicBaseUrl}/files/{key}", processed.OutputUrl);
        Assert.Equal(Photo.Length, processed.BytesIn);
        Assert.InRange(processed.BytesOut ?? 0, 1, Photo.Length / 2);
        Assert.Equal((800, 600, "jpeg"), (processed.Width, processed.Height, processed.Format));
        Assert.Equal((90, 45), (processed.SourceQuality, processed.OutputQuality));
        // opaque to clients: the host and process it stands for are only in the worker's log
        Assert.StartsWith("worker-", processed.WorkerId ?? "", StringComparison.Ordinal);

        await using var stored = await worker.Files.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(processed.BytesOut, stored.Length);
        Assert.Equal("image/jpeg", stored.ContentType);
        using var image = new MagickImage(stored.Content);
        Assert.Equal((800u, 600u), (image.Width, image.Height));

        // and its previews, beside the output under images/ so /files serves them the same way
        foreach (var (previewKey, previewUrl) in new[] { (processed.SourcePreviewKey, processed.SourcePreviewUrl), (processed.OutputPreviewKey, processed.OutputPreviewUrl) })
        {
            Assert.StartsWith("images/", previewKey ?? "", StringComparison.Ordinal);
            Assert.Equal($"{PublicBaseUrl}/files/{previewKey}", previewUrl);
            await using var storedPreview = await worker.Files.OpenReadAsync(previewKey!, CancellationToken.None);
            Assert.NotNull(storedPreview);
            Assert.Equal("image/webp", storedPreview.ContentType);
            using var preview = new MagickImage(storedPreview.Content);
            Assert.Equal((320u, 240u), (preview.Width, preview.Height));
        }
        Assert.NotEqual(processed.SourcePreviewKey, processed.OutputPreviewKey);
    }

    [Fact]
    public async Task A_redelivered_message_overwrites_the_same_file()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/photo.jpg").ToString());

        await worker.Harness.Bus.Publish(message);
        await worker.Harness.Bus.Publish(message);

        await worker.ConsumedAsync(2);
        var processed = worker.Published<ImageProcessed>();
        Assert.Equal(2, processed.Length);
        Assert.Equal([FileKey.ForImage(message.ImageId, "jpg")], processed.Select(p => p.Outcome.OutputKey).Distinct());
        // the output and its two previews, once each
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_directory.Path, "images")).Length);
    }

    [Fact]
    public async Task A_missing_source_is_announced_as_http_404()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/missing.jpg").ToString());

        await worker.Harness.Bus.Publish(message);

        var announced = await worker.Single<ImageFailed>();
        var failed = announced.Outcome;
        Assert.Equal((message.RequestId, message.ImageId), (announced.RequestId, announced.ImageId));
        Assert.Equal("http_404", failed.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        Assert.Empty(worker.Published<ImageProcessed>());
    }

    [Fact]
    public async Task Html_served_as_a_jpeg_is_not_an_image()
    {
        await using var worker = await StartWorker();

        await worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/login.jpg").ToString()));

        var failed = (await worker.Single<ImageFailed>()).Outcome;
        Assert.Equal(ImageFailureReasons.NotAnImage, failed.ReasonCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_permanent_failure_does_not_fault_the_message()
    {
        await using var worker = await StartWorker();

        await worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), "ftp://127.0.0.1/photo.jpg"));

        Assert.Equal(ImageFailureReasons.InvalidUrl, (await worker.Single<ImageFailed>()).Outcome.ReasonCode);
        Assert.Null(Assert.Single(worker.Consumed()).Exception);
        Assert.Empty(worker.Published<Fault<ProcessImage>>());
    }

    [Fact]
    public async Task A_file_store_failure_throws_so_the_bus_retries()
    {
        await using var worker = await StartWorker(new UnavailableFileStore());

        await worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/photo.jpg").ToString()));

        await worker.Single<Fault<ProcessImage>>();
        Assert.NotNull(Assert.Single(worker.Consumed()).Exception);
        Assert.Empty(worker.Published<ImageProcessed>());
        Assert.Empty(worker.Published<ImageFailed>());
    }

    [Fact]
    public void The_definition_takes_its_concurrency_from_settings()
    {
        using var host = TestServices.Build(new Dictionary<string, string?> { ["ImageWorker:Concurrency"] = "3" });

        var definition = host.Services.GetRequiredService<IConsumerDefinition<ProcessImageConsumer>>();

        Assert.Equal(3, definition.ConcurrentMessageLimit);
    }

    private async Task<HarnessWorker> StartWorker(IFileStore? files = null)
    {
        files ??= new DirectoryFileStore(_directory.Path);
        var host = TestServices.Build(configure: services =>
        {
            services.AddSingleton(files);
            services.AddSingleton(new PublicUrls(PublicBaseUrl));
        });
        var harness = host.Services.GetTestHarness();
        await harness.Start();
        return new HarnessWorker(host, harness, files);
    }
}
