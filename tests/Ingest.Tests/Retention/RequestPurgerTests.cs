using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Retention;
using ImagePipeline.Ingest.Tests.Consumers;
using ImagePipeline.Storage.Files;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Ingest.Tests.Retention;

/// <summary>The purge of one request over a real SQLite file and a real file store, announcing on the test harness.</summary>
public sealed class RequestPurgerTests
{
    private const string Csv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,Chair,https://img.example/c.png\r\n";

    [Fact]
    public async Task A_finished_request_loses_its_files_then_its_rows_and_a_repeat_finds_nothing()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var requestId = await CompleteAsync(ingest);
        var purger = new RequestPurger(ingest.Store, ingest.Files);
        var keys = new List<string> { FileKey.ForUpload(requestId), FileKey.ForExport(requestId), FileKey.ForCancellation(requestId) };
        // each image's output and its two previews
        keys.AddRange((await ingest.PublishedAsync<ProcessImage>(3)).SelectMany(image => new[]
        {
            FileKey.ForImage(image.ImageId, "jpg"),
            FileKey.ForPreview(image.ImageId, FileKey.SourcePreview),
            FileKey.ForPreview(image.ImageId, FileKey.OutputPreview),
        }));
        foreach (var key in keys.Skip(1))
        {
            await ingest.Files.SaveAsync(key, new MemoryStream([1]), default);
        }

        var purged = await purger.PurgeAsync(requestId, ingest.Harness.Bus, default);
        var again = await purger.PurgeAsync(requestId, ingest.Harness.Bus, default);

        Assert.Equal(PurgeOutcome.Purged, purged.Outcome);
        Assert.Equal(PurgeOutcome.NotFound, again.Outcome);
        foreach (var key in keys)
        {
            Assert.Null(await ingest.Files.OpenReadAsync(key, default));
        }
        Assert.Equal(requestId, Assert.Single(await ingest.PublishedAsync<RequestPurged>(1)).RequestId);
        Assert.Null(await ingest.Store.GetRequestAsync(requestId, default));
        Assert.Equal(0, await ingest.ScalarAsync("SELECT (SELECT COUNT(*) FROM images WHERE request_id = $id) + (SELECT COUNT(*) FROM products WHERE request_id = $id)", requestId));
    }

    [Fact]
    public async Task A_running_request_keeps_everything()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);

        var purge = await new RequestPurger(ingest.Store, ingest.Files).PurgeAsync(submitted.RequestId, ingest.Harness.Bus, default);

        Assert.Equal(new PurgeResult(PurgeOutcome.StillRunning, RequestStatuses.Processing), purge);
        Assert.NotNull(await ingest.Files.OpenReadAsync(submitted.CsvFileKey, default));
        Assert.NotNull(await ingest.Store.GetRequestAsync(submitted.RequestId, default));
        Assert.Empty(ingest.Published<RequestPurged>());
    }

    [Fact]
    public async Task An_image_a_cancel_took_in_flight_loses_whatever_its_worker_stored()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        var images = await ingest.PublishedAsync<ProcessImage>(3);
        await ingest.Services.GetRequiredService<Lifecycle.RequestLifecycle>().CancelAsync(submitted.RequestId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), default);
        await ingest.PublishAndConsumeAsync(ImageResults.Ready(submitted.RequestId));
        // the worker finished after the cancel: its file is stored, its result was not recorded
        string[] late = [FileKey.ForImage(images[1].ImageId, "png"), FileKey.ForPreview(images[1].ImageId, FileKey.SourcePreview), FileKey.ForPreview(images[1].ImageId, FileKey.OutputPreview)];
        foreach (var key in late)
        {
            await ingest.Files.SaveAsync(key, new MemoryStream([1]), default);
        }

        var purge = await new RequestPurger(ingest.Store, ingest.Files).PurgeAsync(submitted.RequestId, ingest.Harness.Bus, default);

        Assert.Equal(PurgeOutcome.Purged, purge.Outcome);
        foreach (var key in late)
        {
            Assert.Null(await ingest.Files.OpenReadAsync(key, default));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_output_a_later_request_reused_stays_until_the_last_of_them_is_purged_in_either_order(bool producerFirst)
    {
        await using var ingest = await IngestHarness.StartAsync();
        var producer = await ingest.UploadAsync(Csv, products: 2, images: 3, clientId: "client-a");
        await ingest.PublishAndConsumeAsync(producer);
        var made = await ingest.PublishedAsync<ProcessImage>(3);
        foreach (var image in made)
        {
            await ingest.PublishAndConsumeAsync(ImageResults.Processed(image) with { Source = Version });
        }
        await ingest.PublishAndConsumeAsync(ImageResults.Ready(producer.RequestId));
        var outputs = made.SelectMany(image => new[]
        {
            FileKey.ForImage(image.ImageId, "jpg"), FileKey.ForPreview(image.ImageId, FileKey.SourcePreview), FileKey.ForPreview(image.ImageId, FileKey.OutputPreview),
        }).ToList();
        foreach (var key in outputs)
        {
            await ingest.Files.SaveAsync(key, new MemoryStream([1]), default);
        }
        var reuser = await ingest.UploadAsync(Csv, products: 2, images: 3, clientId: "client-a");
        await ingest.PublishAndConsumeAsync(reuser);
        var offered = (await ingest.PublishedAsync<ProcessImage>(6)).Where(image => image.RequestId == reuser.RequestId).ToList();
        Assert.All(offered, image => Assert.Equal(Version, image.Reusable?.Source));
        foreach (var image in offered)
        {
            var outcome = image.Reusable!.Outcome with { Reuse = ImageReuse.NotModified };
            await ingest.PublishAndConsumeAsync(new ImageProcessed(image.RequestId, image.ImageId, outcome) { Source = Version });
        }
        await ingest.PublishAndConsumeAsync(ImageResults.Ready(reuser.RequestId));
        var purger = new RequestPurger(ingest.Store, ingest.Files);
        var (first, last) = producerFirst ? (producer.RequestId, reuser.RequestId) : (reuser.RequestId, producer.RequestId);

        Assert.Equal(PurgeOutcome.Purged, (await purger.PurgeAsync(first, ingest.Harness.Bus, default)).Outcome);
        foreach (var key in outputs)
        {
            Assert.NotNull(await ingest.Files.OpenReadAsync(key, default));
        }
        Assert.Equal(PurgeOutcome.Purged, (await purger.PurgeAsync(last, ingest.Harness.Bus, default)).Outcome);
        foreach (var key in outputs)
        {
            Assert.Null(await ingest.Files.OpenReadAsync(key, default));
        }
    }

    private static readonly SourceVersion Version = new() { ETag = "\"v1\"", ContentHash = "0a0b", Fingerprint = "fp" };

    private static async Task<Guid> CompleteAsync(IngestHarness ingest)
    {
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        foreach (var image in await ingest.PublishedAsync<ProcessImage>(3))
        {
            await ingest.PublishAndConsumeAsync(ImageResults.Processed(image));
        }
        await ingest.PublishAndConsumeAsync(ImageResults.Ready(submitted.RequestId));
        Assert.Equal(RequestStatuses.Completed, (await ingest.Store.GetRequestAsync(submitted.RequestId, default))!.Status);
        return submitted.RequestId;
    }
}
