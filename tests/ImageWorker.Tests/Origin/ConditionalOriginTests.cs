using System.Net;
using System.Net.Http.Headers;
using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.ImageWorker.Tests.Origin;

/// <summary>The conditional test origin over real HTTP: what it sends, when it answers 304, and what it counts.</summary>
public sealed class ConditionalOriginTests : IAsyncLifetime
{
    private static readonly byte[] Bytes = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly byte[] OtherBytes = [9, 9, 9];

    private readonly HttpClient _http = new();
    private ConditionalOrigin _origin = null!;

    public async Task InitializeAsync()
    {
        _origin = await ConditionalOrigin.StartAsync();
        _origin.Put("a.jpg", Bytes);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _origin.DisposeAsync();
    }

    [Fact]
    public async Task A_plain_get_gets_the_bytes_with_a_strong_etag_and_last_modified()
    {
        using var response = await GetAsync("a.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal(_origin.ETagOf("a.jpg"), response.Headers.ETag.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(new OriginCounts { Requests = 1, Ok = 1, BodyBytes = Bytes.Length }, _origin.CountsOf("a.jpg"));
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_with_the_validators_and_no_body()
    {
        using var response = await GetAsync("a.jpg", ifNoneMatch: _origin.ETagOf("a.jpg"));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(_origin.ETagOf("a.jpg"), response.Headers.ETag!.ToString());
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, NotModified = 1 }, _origin.CountsOf("a.jpg"));
    }

    [Fact]
    public async Task New_bytes_are_a_new_version_that_an_old_etag_or_date_does_not_match()
    {
        var oldETag = _origin.ETagOf("a.jpg");
        var oldDate = _origin.LastModifiedOf("a.jpg");
        _origin.Put("a.jpg", OtherBytes);

        using var byETag = await GetAsync("a.jpg", ifNoneMatch: oldETag);
        using var byDate = await GetAsync("a.jpg", ifModifiedSince: oldDate);

        Assert.NotEqual(oldETag, _origin.ETagOf("a.jpg"));
        Assert.Equal(OtherBytes, await byETag.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, byDate.StatusCode);
        Assert.Equal(new OriginCounts { Requests = 2, Conditional = 2, Ok = 2, BodyBytes = 2 * OtherBytes.Length }, _origin.Total);
    }

    [Fact]
    public async Task A_touched_image_keeps_its_bytes_under_a_new_etag()
    {
        var oldETag = _origin.ETagOf("a.jpg");
        _origin.Touch("a.jpg");

        using var response = await GetAsync("a.jpg", ifNoneMatch: oldETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(oldETag, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Weak_etags_are_sent_weak_and_match_weakly_either_spelling()
    {
        _origin.WeakETags = true;
        var weak = _origin.ETagOf("a.jpg");

        using var asSent = await GetAsync("a.jpg", ifNoneMatch: weak);
        using var asStrong = await GetAsync("a.jpg", ifNoneMatch: weak[2..]);

        Assert.StartsWith("W/\"", weak, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, asSent.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, asStrong.StatusCode);
    }

    [Fact]
    public async Task If_modified_since_alone_gets_304_when_nothing_changed_since()
    {
        using var response = await GetAsync("a.jpg", ifModifiedSince: _origin.LastModifiedOf("a.jpg"));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_origin_that_ignores_conditionals_sends_validators_and_always_the_body()
    {
        _origin.Mode = ConditionalOriginMode.Ignored;

        using var response = await GetAsync("a.jpg", ifNoneMatch: _origin.ETagOf("a.jpg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(new OriginCounts { Requests = 1, Conditional = 1, Ok = 1, BodyBytes = Bytes.Length }, _origin.Total);
    }

    [Fact]
    public async Task An_origin_without_validators_sends_none_and_never_304()
    {
        _origin.Mode = ConditionalOriginMode.NoValidators;

        using var response = await GetAsync("a.jpg", ifNoneMatch: "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Counts_are_per_path_and_in_total_and_an_unknown_name_is_a_404()
    {
        _origin.Put("b.jpg", OtherBytes);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await GetAsync(i % 2 == 0 ? "a.jpg" : "b.jpg");
        }));
        using var missing = await GetAsync("nope.jpg");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(new OriginCounts { Requests = 10, Ok = 10, BodyBytes = 10 * Bytes.Length }, _origin.CountsOf("a.jpg"));
        Assert.Equal(new OriginCounts { Requests = 10, Ok = 10, BodyBytes = 10 * OtherBytes.Length }, _origin.CountsOf("b.jpg"));
        Assert.Equal(21, _origin.Total.Requests);
        Assert.Equal(1, _origin.Total.NotFound);
        Assert.Equal(3, _origin.CountsByPath.Count);
        _origin.ResetCounts();
        Assert.Equal(OriginCounts.Zero, _origin.Total);
    }

    [Fact]
    public async Task Every_request_is_logged_in_order_with_the_validators_it_carried_until_a_reset()
    {
        var etag = _origin.ETagOf("a.jpg");
        var date = _origin.LastModifiedOf("a.jpg");

        using var plain = await GetAsync("a.jpg");
        using var byETag = await GetAsync("a.jpg", ifNoneMatch: etag);
        using var byDate = await GetAsync("a.jpg", ifModifiedSince: date);
        using var missing = await GetAsync("nope.jpg");
        var logged = _origin.RequestsOf("a.jpg");
        var unknown = _origin.RequestsOf("nope.jpg");
        _origin.ResetCounts();

        Assert.Equal(
            [
                new OriginRequest("/images/a.jpg", null, null, 200, Bytes.Length),
                new OriginRequest("/images/a.jpg", etag, null, 304, 0),
                new OriginRequest("/images/a.jpg", null, date, 304, 0),
            ],
            logged);
        Assert.Equal([false, true, true], logged.Select(r => r.IsConditional));
        Assert.Equal([new OriginRequest("/images/nope.jpg", null, null, 404, 0)], unknown);
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.NotModified, HttpStatusCode.NotFound],
            new[] { plain, byETag, byDate, missing }.Select(r => r.StatusCode));
        Assert.Empty(_origin.RequestsOf("a.jpg"));
    }

    [Fact]
    public async Task A_name_may_have_slashes_and_is_counted_under_its_path()
    {
        _origin.Put("run-2/17.jpg", OtherBytes);

        using var response = await GetAsync("run-2/17.jpg");

        Assert.Equal(OtherBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, _origin.CountsByPath[ConditionalOrigin.PathOf("run-2/17.jpg")].Ok);
        Assert.Equal(1, _origin.CountsOf("run-2/17.jpg").Requests);
    }

    private async Task<HttpResponseMessage> GetAsync(string name, string? ifNoneMatch = null, string? ifModifiedSince = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _origin.Url(name));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        if (ifModifiedSince is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", ifModifiedSince);
        }
        return await _http.SendAsync(request);
    }
}
