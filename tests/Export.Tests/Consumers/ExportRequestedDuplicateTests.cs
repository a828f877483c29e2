using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Concurrency;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;

namespace ImagePipeline.Export.Tests.Consumers;

/// <summary>
/// ExportRequested delivered twice at once. (Twice in a row is
/// <see cref="ExportRequestedConsumerTests.A_redelivered_request_keeps_one_export_and_announces_the_same_key"/>.)
/// </summary>
public sealed class ExportRequestedDuplicateTests
{
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(10);

    private static readonly OutputRow[] ThreeProducts =
    [
        new(1, "Red Shoe", ["https://img.test/a.jpg", "https://img.test/b.jpg"], ["http://gateway.test/files/images/a.jpg", null]),
        new(2, "Chair, oak", ["https://img.test/c.jpg"], ["http://gateway.test/files/images/c.jpg"]),
        new(3, "Lamp", ["https://img.test/d.jpg"], ["http://gateway.test/files/images/d.jpg"]),
    ];

    private const string ThreeProductsCsv =
        "S. No.,Product Name,Input Image Urls,Output Image Urls\r\n"
        + "1,Red Shoe,\"https://img.test/a.jpg,https://img.test/b.jpg\",\"http://gateway.test/files/images/a.jpg,\"\r\n"
        + "2,\"Chair, oak\",https://img.test/c.jpg,http://gateway.test/files/images/c.jpg\r\n"
        + "3,Lamp,https://img.test/d.jpg,http://gateway.test/files/images/d.jpg\r\n";

    [Fact]
    public async Task Two_copies_at_once_leave_one_whole_csv_and_one_export_and_announce_it_identically()
    {
        await using var host = await ConsumerTestHost.StartAsync(wrapStore: store => new GatedExportStore(store));
        // both copies look for the export before either has recorded one
        var race = new Rendezvous(2, RaceTimeout);
        ((GatedExportStore)host.Store).BeforeFind = race;
        // and the rows trickle in, so both write the file at the same time
        host.Ingest.RowDelay = TimeSpan.FromMilliseconds(300);
        var requestId = host.Ingest.AddRequest(ThreeProducts);

        await ConsumedCopies<ExportRequested>.PublishAsync(host.Harness, new ExportRequested(requestId), NewId.NextGuid(), copies: 2, Eventually.DefaultTimeout);

        Assert.True(race.Met, "the two copies were never inside the consumer at the same time");
        Assert.True(host.Ingest.RowRequests == 2, $"both copies should have found no export and built one; Ingest was asked {host.Ingest.RowRequests} time(s)");
        var key = FileKey.ForExport(requestId);
        Assert.Equal(ThreeProductsCsv, await host.ReadFileAsync(key));
        Assert.Equal(new ExportRecord(requestId, key, 3, ConsumerTestHost.Now), await host.Store.FindAsync(requestId, CancellationToken.None));

        // each copy announces (by design: a lost first announcement is repeated), both the one stored export, which
        // Ingest's conditional completion turns into one transition
        var announcements = await host.Harness.WaitForPublishedAsync<OutputCsvReady>(2, m => m.RequestId == requestId);
        var expected = new OutputCsvReady(requestId, key, $"{ConsumerTestHost.PublicBaseUrl}/api/requests/{requestId}/output.csv", 3);
        Assert.Equal([expected, expected], announcements);
        Assert.Empty(await host.Harness.PublishedSoFarAsync<Fault<ExportRequested>>(_ => true));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"export-{requestId:N}-*"));
    }
}
