using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Consumers;

/// <summary>
/// The worker handing out an earlier request's output again, through its real consumer and a loopback origin that
/// answers conditionals: what it asked the origin (the origin's counts), what it published, and what it stored.
/// "Not compressed" is seen in the store: a compressed image always stores an output and previews under its own ID.
/// </summary>
public sealed class ProcessImageReuseTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "http://gateway.test";
    private const string Name = "photo.jpg";
    private static readonly byte[] Photo = TestImages.Jpeg(400, 300, quality: 90);
    private static readonly byte[] ChangedPhoto = TestImages.Jpeg(300, 400, quality: 90);

    private readonly TempDirectory _directory = new();
    private ConditionalOrigin _origin = null!;
    private HarnessWorker _worker = null!;

    public async Task InitializeAsync()
    {
        _origin = await ConditionalOrigin.StartAsync();
        _origin.Put(Name, Photo);
        var files = new DirectoryFileStore(_directory.Path);
        var host = TestServices.Build(configure: services =>
        {
            services.AddSingleton<IFileStore>(files);
            services.AddSingleton(new PublicUrls(PublicBaseUrl));
        });
        var harness = host.Services.GetTestHarness();
        await harness.Start();
        _worker = new HarnessWorker(host, harness, files);
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _origin.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_304_hands_the_output_out_again_without_a_body_or_compression()
    {
        var first = await ProcessedAsync(Message());
        _origin.ResetCounts();
        var reuses = new List<string>();
        using var listener = ListenToReuses(reuses);

        var second = await ProcessedAsync(Message(Reusable(first, staleUrls: true)));

        var outcome = second.Outcome;
        Assert.Equal(ImageReuse.NotModified, outcome.Reuse);
        Assert.Equal(first.Outcome.OutputKey, outcome.OutputKey);
        Assert.Equal((first.Outcome.BytesIn, first.Outcome.BytesOut, first.Outcome.Width, first.Outcome.Format),
            (outcome.BytesIn, outcome.BytesOut, outcome.Width, outcome.Format));
        // URLs made again from the keys, not the (perhaps expired) ones of the earlier request
        Assert.Equal($"{PublicBaseUrl}/files/{outcome.OutputKey}", outcome.OutputUrl);
        Assert.Equal($"{PublicBaseUrl}/files/{outcome.SourcePreviewKey}", outcome.SourcePreviewUrl);
        Assert.Equal($"{PublicBaseUrl}/files/{outcome.OutputPreviewKey}", outcome.OutputPreviewUrl);
        Assert.StartsWith("worker-", outcome.WorkerId, StringComparison.Ordinal);
        Assert.Equal(first.Source, second.Source);
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, NotModified = 1 }, _origin.Total);
        Assert.True(second.Download!.Clean);
        Assert.Empty(FilesOf(second.ImageId));
        Assert.Contains(ImageReuse.NotModified, reuses);
    }

    [Fact]
    public async Task The_same_bytes_under_new_validators_are_downloaded_but_not_compressed()
    {
        var first = await ProcessedAsync(Message());
        _origin.Touch(Name);
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Equal(ImageReuse.SameBytes, second.Outcome.Reuse);
        Assert.Equal(first.Outcome.OutputKey, second.Outcome.OutputKey);
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, Ok = 1, BodyBytes = Photo.Length }, _origin.Total);
        // the new validators are what the next request asks with
        Assert.Equal(_origin.ETagOf(Name), second.Source!.ETag);
        Assert.NotEqual(first.Source!.ETag, second.Source.ETag);
        Assert.Equal(first.Source.ContentHash, second.Source.ContentHash);
        Assert.Empty(FilesOf(second.ImageId));
    }

    [Fact]
    public async Task Changed_bytes_are_made_anew_under_the_image_own_key()
    {
        var first = await ProcessedAsync(Message());
        _origin.Put(Name, ChangedPhoto);
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Null(second.Outcome.Reuse);
        Assert.Equal(FileKey.ForImage(second.ImageId, "jpg"), second.Outcome.OutputKey);
        Assert.Equal((300, 400), (second.Outcome.Width, second.Outcome.Height));
        Assert.Equal(Hash(ChangedPhoto), second.Source!.ContentHash);
        Assert.Equal(_origin.ETagOf(Name), second.Source.ETag);
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, Ok = 1, BodyBytes = ChangedPhoto.Length }, _origin.Total);
        Assert.Equal(3, FilesOf(second.ImageId).Length);
    }

    [Fact]
    public async Task An_output_made_under_another_fingerprint_is_made_anew_without_asking_conditionally()
    {
        var first = await ProcessedAsync(Message());
        _origin.ResetCounts();
        var otherSettings = Reusable(first) with { Source = first.Source! with { Fingerprint = "0123456789abcdef" } };

        var second = await ProcessedAsync(Message(otherSettings));

        Assert.Null(second.Outcome.Reuse);
        Assert.Equal(FileKey.ForImage(second.ImageId, "jpg"), second.Outcome.OutputKey);
        Assert.Equal(first.Source!.Fingerprint, second.Source!.Fingerprint);
        Assert.Equal(new OriginCounts { Requests = 1, Ok = 1, BodyBytes = Photo.Length }, _origin.Total);
    }

    public static TheoryData<string> Damages => ["output deleted", "output truncated", "preview deleted"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task An_output_no_longer_stored_whole_is_made_anew_after_a_304(string damage)
    {
        var first = await ProcessedAsync(Message());
        await DamageAsync(first.Outcome, damage);
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Null(second.Outcome.Reuse);
        Assert.Equal(FileKey.ForImage(second.ImageId, "jpg"), second.Outcome.OutputKey);
        Assert.Equal(3, FilesOf(second.ImageId).Length);
        Assert.Equal(first.Source, second.Source);
        // asked, told not modified, then fetched whole without a condition
        Assert.Equal(new OriginCounts { Requests = 2, Conditional = 1, Ok = 1, NotModified = 1, BodyBytes = Photo.Length }, _origin.Total);
    }

    [Fact]
    public async Task An_output_no_longer_stored_whole_is_made_anew_when_the_bytes_are_the_same()
    {
        _origin.Mode = ConditionalOriginMode.Ignored;
        var first = await ProcessedAsync(Message());
        await DamageAsync(first.Outcome, "output truncated");

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Null(second.Outcome.Reuse);
        Assert.Equal(FileKey.ForImage(second.ImageId, "jpg"), second.Outcome.OutputKey);
    }

    [Fact]
    public async Task A_weak_etag_goes_round_trip_and_gets_a_304()
    {
        _origin.WeakETags = true;
        var first = await ProcessedAsync(Message());
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.StartsWith("W/\"", first.Source!.ETag, StringComparison.Ordinal);
        Assert.Equal(ImageReuse.NotModified, second.Outcome.Reuse);
        Assert.Equal(1, _origin.Total.NotModified);
    }

    [Fact]
    public async Task A_304_to_if_modified_since_adds_the_etag_it_carried()
    {
        _origin.SendETag = false;
        var first = await ProcessedAsync(Message());
        _origin.SendETag = true;

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Null(first.Source!.ETag);
        Assert.Equal(ImageReuse.NotModified, second.Outcome.Reuse);
        Assert.Equal(_origin.ETagOf(Name), second.Source!.ETag);
        Assert.Equal(first.Source.LastModified, second.Source.LastModified);
    }

    [Fact]
    public async Task An_origin_that_ignores_conditionals_costs_a_download_but_no_compression()
    {
        _origin.Mode = ConditionalOriginMode.Ignored;
        var first = await ProcessedAsync(Message());
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Equal(ImageReuse.SameBytes, second.Outcome.Reuse);
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, Ok = 1, BodyBytes = Photo.Length }, _origin.Total);
        Assert.Empty(FilesOf(second.ImageId));
    }

    [Fact]
    public async Task An_origin_without_validators_is_asked_plainly_and_recognised_by_the_hash()
    {
        _origin.Mode = ConditionalOriginMode.NoValidators;
        var first = await ProcessedAsync(Message());
        _origin.ResetCounts();

        var second = await ProcessedAsync(Message(Reusable(first)));

        Assert.Equal((null, null), (first.Source!.ETag, first.Source.LastModified));
        Assert.Equal(Hash(Photo), first.Source.ContentHash);
        Assert.Equal(ImageReuse.SameBytes, second.Outcome.Reuse);
        Assert.Equal(new OriginCounts { Requests = 1, Ok = 1, BodyBytes = Photo.Length }, _origin.Total);
        Assert.Empty(FilesOf(second.ImageId));
    }

    [Fact]
    public async Task A_source_that_is_gone_fails_and_nothing_is_reused()
    {
        var first = await ProcessedAsync(Message());
        _origin.Remove(Name);

        var message = Message(Reusable(first));
        await _worker.Harness.Bus.Publish(message);

        await Eventually.TrueAsync(() => _worker.Published<ImageFailed>().Any(f => f.ImageId == message.ImageId), "the image failed");
        var failed = _worker.Published<ImageFailed>().Single(f => f.ImageId == message.ImageId);
        Assert.Equal("http_404", failed.Outcome.ReasonCode);
        Assert.Null(failed.Outcome.Reuse);
        Assert.Null(failed.Outcome.OutputKey);
        Assert.DoesNotContain(_worker.Published<ImageProcessed>(), p => p.ImageId == message.ImageId);
    }

    [Fact]
    public async Task A_new_image_says_which_source_version_it_was_made_from()
    {
        var first = await ProcessedAsync(Message());

        var source = first.Source!;
        Assert.Null(first.Outcome.Reuse);
        Assert.Equal(Hash(Photo), source.ContentHash);
        Assert.Equal(_origin.ETagOf(Name), source.ETag);
        Assert.Equal(_origin.LastModifiedOf(Name), source.LastModified);
        Assert.Matches("^[0-9a-f]{16}$", source.Fingerprint);
    }

    private ProcessImage Message(ReusableOutput? reusable = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), _origin.Url(Name)) { Reusable = reusable };

    private static ReusableOutput Reusable(ImageProcessed earlier, bool staleUrls = false) => new(
        earlier.Source!,
        staleUrls
            ? earlier.Outcome with { OutputUrl = "http://expired.test/o", SourcePreviewUrl = "http://expired.test/s", OutputPreviewUrl = "http://expired.test/p" }
            : earlier.Outcome);

    private async Task<ImageProcessed> ProcessedAsync(ProcessImage message)
    {
        await _worker.Harness.Bus.Publish(message);
        await Eventually.TrueAsync(
            () => _worker.Published<ImageProcessed>().Any(p => p.ImageId == message.ImageId) || _worker.Published<ImageFailed>().Any(f => f.ImageId == message.ImageId),
            $"the result of image {message.ImageId}");
        Assert.DoesNotContain(_worker.Published<ImageFailed>(), f => f.ImageId == message.ImageId);
        return _worker.Published<ImageProcessed>().Single(p => p.ImageId == message.ImageId);
    }

    private async Task DamageAsync(ImageOutcome outcome, string damage)
    {
        switch (damage)
        {
            case "output deleted":
                await _worker.Files.DeleteAsync(outcome.OutputKey!, CancellationToken.None);
                break;
            case "output truncated":
                await using (var stored = await _worker.Files.OpenReadAsync(outcome.OutputKey!, CancellationToken.None))
                using (var copy = new MemoryStream())
                {
                    await stored!.Content.CopyToAsync(copy);
                    await stored.DisposeAsync();
                    await _worker.Files.SaveAsync(outcome.OutputKey!, new MemoryStream(copy.ToArray()[..(int)(copy.Length / 2)]), CancellationToken.None);
                }
                break;
            default:
                await _worker.Files.DeleteAsync(outcome.OutputPreviewKey!, CancellationToken.None);
                break;
        }
    }

    private string[] FilesOf(Guid imageId) =>
        Directory.Exists(Path.Combine(_directory.Path, "images"))
            ? Directory.GetFiles(Path.Combine(_directory.Path, "images"), $"{imageId:N}*")
            : [];

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static MeterListener ListenToReuses(List<string> reuses)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "imagepipeline.imageworker.reuses")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reuse")
                {
                    lock (reuses)
                    {
                        reuses.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }
}
