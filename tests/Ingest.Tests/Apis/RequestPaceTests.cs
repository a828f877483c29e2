using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Apis;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Tests.Persistence;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.Ingest.Tests.Apis;

/// <summary>The numbers of a running request's status (issue 23), over a real SQLite store.</summary>
public sealed class RequestPaceTests : IDisposable
{
    private static readonly DateTimeOffset RecordedAt = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private static readonly PublicUrls Urls = new("http://gateway.test");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"imagepipeline-pace-{Guid.NewGuid():N}");
    private readonly SqliteIngestStore _store;

    public RequestPaceTests() => _store = SqliteIngestTestStores.Create(Path.Combine(_directory, "ingest.sqlite"));

    [Fact]
    public async Task A_running_request_reports_images_in_flight_its_rate_and_the_time_left()
    {
        // ten images, six released, three of them done 30 s in; asked a minute in
        var requestId = await CreateAsync(images: 10);
        await _store.ReleaseImagesAsync(requestId, new DispatchWindow(6, new FixedOriginLimits(10, 10), RecordedAt.AddHours(1)), default);
        for (var row = 2; row < 5; row++)
        {
            await Succeed(requestId, row, RecordedAt.AddSeconds(30));
        }

        var status = await PaceAsync(requestId, RecordedAt.AddMinutes(1));

        Assert.Equal(3, status.ImagesInFlight);
        Assert.Equal(3.0, status.RatePerMinute);
        Assert.Equal(140, status.EstimatedSecondsLeft);
    }

    [Fact]
    public async Task The_rate_counts_only_the_last_window_once_the_request_is_older_than_it()
    {
        var requestId = await CreateAsync(images: 10);
        await _store.ReleaseImagesAsync(requestId, new DispatchWindow(10, new FixedOriginLimits(10, 10), RecordedAt.AddHours(1)), default);
        await Succeed(requestId, 2, RecordedAt.AddMinutes(1));
        await Succeed(requestId, 3, RecordedAt.AddMinutes(9));
        await Succeed(requestId, 4, RecordedAt.AddMinutes(9.5));

        var status = await PaceAsync(requestId, RecordedAt.AddMinutes(10));

        // two results in the last two minutes: one a minute; seven pending at that rate
        Assert.Equal((7, 1.0, 420), (status.ImagesInFlight, status.RatePerMinute, status.EstimatedSecondsLeft));
    }

    [Fact]
    public async Task Before_a_result_there_is_a_rate_of_zero_and_no_estimate()
    {
        var requestId = await CreateAsync(images: 4);
        await _store.ReleaseImagesAsync(requestId, new DispatchWindow(2, new FixedOriginLimits(10, 10), RecordedAt.AddHours(1)), default);

        var status = await PaceAsync(requestId, RecordedAt.AddSeconds(20));

        Assert.Equal((2, 0.0, (int?)null), (status.ImagesInFlight, status.RatePerMinute, status.EstimatedSecondsLeft));
    }

    [Fact]
    public async Task A_finished_request_has_no_pace()
    {
        var requestId = await CreateAsync(images: 1);
        await Succeed(requestId, 2, RecordedAt.AddSeconds(5));
        var request = await _store.GetRequestAsync(requestId, default);
        Assert.NotEqual(RequestStatuses.Processing, request!.Status);

        var status = await PaceAsync(requestId, RecordedAt.AddSeconds(10));

        Assert.Equal((null, null, (int?)null), (status.ImagesInFlight, status.RatePerMinute, status.EstimatedSecondsLeft));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<RequestStatusResponse> PaceAsync(Guid requestId, DateTimeOffset now)
    {
        var request = await _store.GetRequestAsync(requestId, default);
        Assert.NotNull(request);
        return await RequestPace.AddToAsync(request.ToStatus(Urls), request, _store, Window, now, default);
    }

    private async Task<Guid> CreateAsync(int images)
    {
        var requestId = Guid.NewGuid();
        Assert.True(await _store.CreateRequestAsync(
            new NewRequest
            {
                RequestId = requestId,
                CsvFileKey = $"uploads/{requestId:N}.csv",
                SubmittedAt = RecordedAt,
                RecordedAt = RecordedAt,
            }, Products(requestId, images), () => null, default));
        return requestId;
    }

    private static async IAsyncEnumerable<NewProduct> Products(Guid requestId, int rows)
    {
        for (var row = 2; row < rows + 2; row++)
        {
            yield return new NewProduct(row, row - 1, $"Product {row}", [new NewImage(ImageIds.For(requestId, row, 0), $"https://img.example/{row}.jpg")]);
            await Task.Yield();
        }
    }

    private Task Succeed(Guid requestId, int row, DateTimeOffset at) =>
        new RequestLifecycle(_store).RecordResultAsync(
            new ImageResult(requestId, ImageIds.For(requestId, row, 0), Succeeded: true, new ImageOutcome { OutputKey = "images/x.jpg", BytesIn = 2, BytesOut = 1 }, at),
            RecordedAt.AddHours(1), default);
}
