using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>The downloader's conditional requests against the conditional test origin.</summary>
public sealed class ConditionalDownloadTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(64, 48);
    private static readonly byte[] OtherPhoto = TestImages.Jpeg(48, 64);

    private WorkerApp _host = null!;
    private ConditionalOrigin _origin = null!;
    private LoopbackServer _other = null!;

    public async Task InitializeAsync()
    {
        _host = TestServices.Build();
        _origin = await ConditionalOrigin.StartAsync();
        _origin.Put("photo.jpg", Photo);
        _other = await LoopbackServer.StartAsync(app =>
        {
            // a 304 nobody asked for, and a redirect to the conditional origin
            app.MapGet("/unasked-304.jpg", () => Results.StatusCode(StatusCodes.Status304NotModified));
            app.MapGet("/moved.jpg", () => Results.Redirect(_origin.Url("photo.jpg")));
        });
    }

    public async Task DisposeAsync()
    {
        await _other.DisposeAsync();
        await _origin.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_plain_download_asks_nothing_and_keeps_the_validators_as_sent()
    {
        var image = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);

        Assert.False(image.NotModified);
        Assert.True(image.Content.Span.SequenceEqual(Photo));
        Assert.Equal(_origin.ETagOf("photo.jpg"), image.Validators.ETag);
        Assert.Equal(_origin.LastModifiedOf("photo.jpg"), image.Validators.LastModified);
        Assert.Equal(0, _origin.Total.Conditional);
    }

    [Fact]
    public async Task An_unchanged_source_comes_back_not_modified_without_a_body()
    {
        var first = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);

        var second = await DownloadAsync(_origin.Url("photo.jpg"), first.Validators);

        Assert.True(second.NotModified);
        Assert.True(second.Content.IsEmpty);
        Assert.Equal(1, second.Attempts);
        Assert.Equal(first.Validators, second.Validators);
        Assert.Equal(new OriginCounts { Requests = 2, Conditional = 1, Ok = 1, NotModified = 1, BodyBytes = Photo.Length }, _origin.Total);
    }

    [Fact]
    public async Task A_changed_source_comes_back_whole_with_its_new_validators()
    {
        var first = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);
        _origin.Put("photo.jpg", OtherPhoto);

        var second = await DownloadAsync(_origin.Url("photo.jpg"), first.Validators);

        Assert.False(second.NotModified);
        Assert.True(second.Content.Span.SequenceEqual(OtherPhoto));
        Assert.Equal(_origin.ETagOf("photo.jpg"), second.Validators.ETag);
        Assert.NotEqual(first.Validators.ETag, second.Validators.ETag);
    }

    [Fact]
    public async Task A_weak_etag_is_sent_back_as_received_and_matches()
    {
        _origin.WeakETags = true;
        var first = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);

        var second = await DownloadAsync(_origin.Url("photo.jpg"), first.Validators);

        Assert.StartsWith("W/\"", first.Validators.ETag, StringComparison.Ordinal);
        Assert.True(second.NotModified);
    }

    [Fact]
    public async Task Last_modified_alone_is_asked_with_if_modified_since()
    {
        _origin.SendETag = false;
        var first = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);

        var second = await DownloadAsync(_origin.Url("photo.jpg"), first.Validators);

        Assert.Null(first.Validators.ETag);
        Assert.True(second.NotModified);
    }

    [Fact]
    public async Task A_304_after_a_redirect_is_not_modified()
    {
        var first = await DownloadAsync(_other.Url("/moved.jpg").ToString(), SourceValidators.None);

        var second = await DownloadAsync(_other.Url("/moved.jpg").ToString(), first.Validators);

        Assert.True(second.NotModified);
        Assert.Equal(1, _origin.Total.NotModified);
    }

    [Fact]
    public async Task A_304_that_was_not_asked_for_is_still_a_failure()
    {
        var failure = await Assert.ThrowsAsync<ImageFailureException>(() =>
            DownloadAsync(_other.Url("/unasked-304.jpg").ToString(), SourceValidators.None));

        Assert.Equal("too_many_redirects", failure.ReasonCode);
    }

    [Fact]
    public async Task A_304_is_a_clean_quick_answer_in_the_download_report()
    {
        var first = await DownloadAsync(_origin.Url("photo.jpg"), SourceValidators.None);
        var tally = new DownloadTally(_origin.Url("photo.jpg"));

        await Downloader().DownloadAsync(_origin.Url("photo.jpg"), tally, first.Validators, CancellationToken.None);

        var report = tally.ToReport();
        Assert.True(report.Clean);
        Assert.Equal(1, report.Attempts);
        Assert.NotNull(report.LatencyMs);
    }

    private Task<DownloadedImage> DownloadAsync(string url, SourceValidators validators) =>
        Downloader().DownloadAsync(url, new DownloadTally(url), validators, CancellationToken.None);

    private ImageDownloader Downloader() => _host.Services.GetRequiredService<ImageDownloader>();
}
