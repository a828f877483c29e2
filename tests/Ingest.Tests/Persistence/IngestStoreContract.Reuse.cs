using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// The contract of reuse: a URL in several slots of a request is released once and its result serves them all; a
/// client's source versions are offered to its later requests only; an output is released by a purge only when no
/// other request uses it, in whatever order the requests are purged.
/// </summary>
public abstract partial class IngestStoreContract
{
    private const string Banner = "https://img.example/banner.jpg";

    private static readonly DispatchWindow WideWindow = new(100, new FixedOriginLimits(100, 100), LeaseUntil);

    private static readonly SourceVersion BannerVersion = new() { ETag = "W/\"v1\"", LastModified = "Tue, 03 Mar 2025 10:00:00 GMT", ContentHash = "ab12", Fingerprint = "fp1" };

    [SkippableFact]
    public async Task A_url_in_several_slots_is_released_once_and_its_result_serves_every_slot()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()), [Banner, "https://img.example/a.jpg"], [Banner], [Banner, "https://img.example/b.jpg"]);

        var released = await store.ReleaseImagesAsync(requestId, WideWindow, default);
        var leader = released.Single(i => i.SourceUrl == Banner);
        var outcome = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, leader.ImageId), LeaseUntil, default);
        var images = (await store.GetProductsAsync(requestId, default).ToListAsync()).SelectMany(p => p.Images).ToList();

        Assert.Equal(3, released.Count);
        Assert.Equal((RequestStatuses.Processing, 3), (outcome.Request!.Status, outcome.Request.ImagesSucceeded));
        var banners = images.Where(i => i.SourceUrl == Banner).ToList();
        Assert.All(banners, i => Assert.Equal((ImageStatuses.Succeeded, $"images/{leader.ImageId:N}.jpg"), (i.Status, i.Outcome.OutputKey)));
        Assert.Equal([null, ImageReuse.SameRequest, ImageReuse.SameRequest], banners.Select(i => i.Outcome.Reuse));
        Assert.Equal(new ReuseCounts(2, 0, 0), await store.CountReusedAsync(requestId, default));
        Assert.Empty(await store.ReleaseImagesAsync(requestId, WideWindow, default));
    }

    [SkippableFact]
    public async Task A_failed_slot_fails_the_slots_of_its_url_with_the_same_reason_and_a_duplicate_counts_nothing()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()), [Banner], [Banner]);
        var leader = (await store.ReleaseImagesAsync(requestId, WideWindow, default)).Single();

        var first = await Lifecycle(store).RecordResultAsync(Failed(requestId, leader.ImageId), LeaseUntil, default);
        var again = await Lifecycle(store).RecordResultAsync(Failed(requestId, leader.ImageId), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Exporting, 0, 2), (first.Request!.Status, first.Request.ImagesSucceeded, first.Request.ImagesFailed));
        Assert.False(again.Counted);
        var images = (await store.GetProductsAsync(requestId, default).ToListAsync()).SelectMany(p => p.Images).ToList();
        Assert.All(images, i => Assert.Equal((ImageStatuses.Failed, "http_404"), (i.Status, i.Outcome.ReasonCode)));
    }

    [SkippableFact]
    public async Task A_success_is_offered_to_the_same_clients_next_request_only_and_not_to_a_fresh_one()
    {
        var store = await CreateStoreAsync();
        var client = $"client-{Guid.NewGuid():N}";
        var first = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var firstImage = (await store.ReleaseImagesAsync(first, WideWindow, default)).Single();
        await Lifecycle(store).RecordResultAsync(Succeeded(first, firstImage.ImageId) with { Source = BannerVersion }, LeaseUntil, default);

        var again = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var otherClient = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = $"other-{Guid.NewGuid():N}" }, [Banner]);
        var fresh = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client, Fresh = true }, [Banner]);

        var offered = (await store.ReleaseImagesAsync(again, WideWindow, default)).Single().Reusable;
        Assert.NotNull(offered);
        Assert.Equal(BannerVersion, offered.Source);
        Assert.Equal(Succeeded(first, firstImage.ImageId).Outcome, offered.Outcome);
        Assert.Null((await store.ReleaseImagesAsync(otherClient, WideWindow, default)).Single().Reusable);
        Assert.Null((await store.ReleaseImagesAsync(fresh, WideWindow, default)).Single().Reusable);
    }

    [SkippableFact]
    public async Task A_failure_is_not_remembered_and_a_newer_success_replaces_the_version()
    {
        var store = await CreateStoreAsync();
        var client = $"client-{Guid.NewGuid():N}";
        var first = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var firstImage = (await store.ReleaseImagesAsync(first, WideWindow, default)).Single();
        await Lifecycle(store).RecordResultAsync(Succeeded(first, firstImage.ImageId) with { Source = BannerVersion }, LeaseUntil, default);
        var second = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var secondImage = (await store.ReleaseImagesAsync(second, WideWindow, default)).Single();
        var changed = BannerVersion with { ETag = "\"v2\"", ContentHash = "cd34" };
        await Lifecycle(store).RecordResultAsync(Succeeded(second, secondImage.ImageId) with { Source = changed }, LeaseUntil, default);
        var third = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var thirdImage = (await store.ReleaseImagesAsync(third, WideWindow, default)).Single();
        await Lifecycle(store).RecordResultAsync(Failed(third, thirdImage.ImageId), LeaseUntil, default);

        var fourth = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var offered = (await store.ReleaseImagesAsync(fourth, WideWindow, default)).Single().Reusable;

        Assert.Equal(changed, offered!.Source);
        Assert.Equal($"images/{secondImage.ImageId:N}.jpg", offered.Outcome.OutputKey);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_shared_output_is_released_only_by_the_purge_of_its_last_user_in_either_order(bool producerFirst)
    {
        var store = await CreateStoreAsync();
        var client = $"client-{Guid.NewGuid():N}";
        var (producer, key) = await CreateFinishedProducerAsync(store, client);
        var reuser = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var offered = (await store.ReleaseImagesAsync(reuser, WideWindow, default)).Single();
        await Lifecycle(store).RecordResultAsync(
            new ImageResult(reuser, offered.ImageId, true, offered.Reusable!.Outcome with { Reuse = ImageReuse.NotModified }, ResultAt) { Source = BannerVersion },
            LeaseUntil, default);
        await FinishAsync(store, reuser);
        var (first, last) = producerFirst ? (producer, reuser) : (reuser, producer);

        var firstReleases = await store.ReleaseOutputAsync(first, key, default);
        Assert.True(await store.DeleteRequestAsync(first, default));
        var lastReleases = await store.ReleaseOutputAsync(last, key, default);

        Assert.False(firstReleases);
        Assert.True(lastReleases);
        var next = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        Assert.Null((await store.ReleaseImagesAsync(next, WideWindow, default)).Single().Reusable);
    }

    [SkippableFact]
    public async Task An_output_offered_to_an_image_still_in_flight_is_kept_and_one_no_longer_offered_is_released()
    {
        var store = await CreateStoreAsync();
        var client = $"client-{Guid.NewGuid():N}";
        var (producer, key) = await CreateFinishedProducerAsync(store, client);
        var inFlight = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var offered = (await store.ReleaseImagesAsync(inFlight, WideWindow, default)).Single();

        Assert.Equal(key, offered.Reusable!.Outcome.OutputKey);
        Assert.False(await store.ReleaseOutputAsync(producer, key, default));
        // the worker made its own output after all (the source changed): nothing uses the old one any more
        await Lifecycle(store).RecordResultAsync(Succeeded(inFlight, offered.ImageId) with { Source = BannerVersion with { ContentHash = "new" } }, LeaseUntil, default);
        Assert.True(await store.ReleaseOutputAsync(producer, key, default));
        Assert.Equal($"images/{offered.ImageId:N}.jpg",
            (await store.ReleaseImagesAsync(await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]), WideWindow, default))
                .Single().Reusable!.Outcome.OutputKey);
    }

    /// <summary>A finished request of one client whose one image, <see cref="Banner"/>, made the output it returns.</summary>
    private static async Task<(Guid RequestId, string OutputKey)> CreateFinishedProducerAsync(IIngestStore store, string client)
    {
        var requestId = await CreateWithUrlsAsync(store, NewRequest(Guid.NewGuid()) with { ClientId = client }, [Banner]);
        var image = (await store.ReleaseImagesAsync(requestId, WideWindow, default)).Single();
        var result = Succeeded(requestId, image.ImageId) with { Source = BannerVersion };
        await Lifecycle(store).RecordResultAsync(result, LeaseUntil, default);
        await FinishAsync(store, requestId);
        return (requestId, result.Outcome.OutputKey!);
    }

    private static async Task FinishAsync(IIngestStore store, Guid requestId) =>
        Assert.NotNull(await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", ResultAt.AddMinutes(1), LeaseUntil, default));

    /// <summary>A request whose products (rows from 2) have the given image URLs.</summary>
    private static async Task<Guid> CreateWithUrlsAsync(IIngestStore store, NewRequest request, params string[][] products)
    {
        async IAsyncEnumerable<NewProduct> Rows()
        {
            for (var i = 0; i < products.Length; i++)
            {
                var row = i + 2;
                yield return new NewProduct(row, 100 + row, $"Product {row}",
                    [.. products[i].Select((url, position) => new NewImage(ImageIds.For(request.RequestId, row, position), url))]);
                await Task.Yield();
            }
        }
        Assert.True(await store.CreateRequestAsync(request, Rows(), NoFailure, default));
        return request.RequestId;
    }
}
