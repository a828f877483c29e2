using ImageMagick;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Concurrency;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Consumers;

/// <summary>
/// ProcessImage delivered again after it finished, and in copies at once. Each copy does the work again (the worker
/// keeps no state); what must hold is one whole file under the image's key and the same result every time, which
/// Ingest then counts once.
/// </summary>
public sealed class ProcessImageDuplicateTests : IAsyncLifetime
{
    private static readonly byte[] Photo = TestImages.Jpeg(800, 600, quality: 90);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // how long the first held download waits for the second; well below the download timeout StartWorker sets
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new();
    private readonly Rendezvous _downloads = new(2, HoldTimeout);
    private LoopbackServer _server = null!;
    private int _downloadCount;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/photo.jpg", () =>
            {
                Interlocked.Increment(ref _downloadCount);
                return Results.Bytes(Photo, "image/jpeg");
            });
            app.MapGet("/held.jpg", async (CancellationToken cancellationToken) =>
            {
                Interlocked.Increment(ref _downloadCount);
                await _downloads.ArriveAsync(cancellationToken);
                return Results.Bytes(Photo, "image/jpeg");
            });
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_copy_delivered_after_the_first_finished_rewrites_the_same_bytes_and_announces_the_same_result()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/photo.jpg").ToString());
        var messageId = NewId.NextGuid();
        await ConsumedCopies<ProcessImage>.PublishAsync(worker.Harness, message, messageId, copies: 1, Timeout);
        var first = await ReadAsync(worker.Files, message);

        await ConsumedCopies<ProcessImage>.PublishAsync(worker.Harness, message, messageId, copies: 1, Timeout);

        Assert.Equal(2, Volatile.Read(ref _downloadCount));
        var results = worker.Published<ImageProcessed>();
        Assert.Equal(2, results.Length);
        // the download's own figures (its time) differ between copies; the result does not
        Assert.Equal(results[0] with { Download = null }, results[1] with { Download = null });
        Assert.Equal(first, await ReadAsync(worker.Files, message));
        AssertOnlyFileIs(message);
    }

    [Fact]
    public async Task Two_copies_at_once_leave_one_whole_file_and_announce_the_same_result()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/held.jpg").ToString());

        await ConsumedCopies<ProcessImage>.PublishAsync(worker.Harness, message, NewId.NextGuid(), copies: 2, Timeout);

        // both downloads were held until both had arrived: the two copies compressed and stored at the same time
        Assert.True(_downloads.Met, "the two copies were never downloading at the same time");
        var results = worker.Published<ImageProcessed>();
        Assert.Equal(2, results.Length);
        // the download's own figures (its time) differ between copies; the result does not
        Assert.Equal(results[0] with { Download = null }, results[1] with { Download = null });
        var stored = await ReadAsync(worker.Files, message);
        Assert.Equal(results[0].Outcome.BytesOut, stored.Length);
        using var image = new MagickImage(stored);
        Assert.Equal((800u, 600u), (image.Width, image.Height));
        AssertOnlyFileIs(message);
    }

    [Fact]
    public async Task A_reader_never_sees_a_partial_file_while_copies_overwrite_it()
    {
        await using var worker = await StartWorker();
        var message = new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url("/photo.jpg").ToString());
        var messageId = NewId.NextGuid();
        await ConsumedCopies<ProcessImage>.PublishAsync(worker.Harness, message, messageId, copies: 1, Timeout);
        var whole = await ReadAsync(worker.Files, message);

        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var (reads, torn) = (0, new List<int>());
            while (!stop.IsCancellationRequested)
            {
                var bytes = await ReadAsync(worker.Files, message);
                reads++;
                if (!bytes.AsSpan().SequenceEqual(whole))
                {
                    torn.Add(bytes.Length);
                }
                // a breath between reads: other test classes run alongside
                await Task.Delay(1);
            }
            return (reads, torn);
        });
        await ConsumedCopies<ProcessImage>.PublishAsync(worker.Harness, message, messageId, copies: 4, Timeout);
        await stop.CancelAsync();
        var (reads, torn) = await reader.WaitAsync(Timeout);

        Assert.True(reads > 0, "the reader never read the file");
        Assert.True(torn.Count == 0, $"{torn.Count} of {reads} reads saw other bytes than the whole image (lengths {string.Join(", ", torn.Distinct())}; whole: {whole.Length})");
        Assert.Equal(5, Volatile.Read(ref _downloadCount));
        Assert.Single(worker.Published<ImageProcessed>().Select(p => p with { Download = null }).Distinct());
        AssertOnlyFileIs(message);
    }

    private async Task<HarnessWorker> StartWorker()
    {
        var files = new DirectoryFileStore(_directory.Path);
        // far longer than HoldTimeout: a held download is never cut off and retried meanwhile
        var host = TestServices.Build(new Dictionary<string, string?> { ["ImageWorker:DownloadTimeout"] = "00:00:25" }, services =>
        {
            services.AddSingleton<IFileStore>(files);
            services.AddSingleton(new PublicUrls("http://gateway.test"));
        });
        var harness = host.Services.GetTestHarness();
        await harness.Start();
        return new HarnessWorker(host, harness, files);
    }

    private static async Task<byte[]> ReadAsync(IFileStore files, ProcessImage message)
    {
        await using var stored = await files.OpenReadAsync(FileKey.ForImage(message.ImageId, "jpg"), CancellationToken.None);
        Assert.NotNull(stored);
        using var copy = new MemoryStream();
        await stored.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    // no second copy under another name and no temporary file left behind by either writer: the output and its previews
    private void AssertOnlyFileIs(ProcessImage message) =>
        Assert.Equal(
            new[]
            {
                FileKey.ForImage(message.ImageId, "jpg"),
                FileKey.ForPreview(message.ImageId, FileKey.OutputPreview),
                FileKey.ForPreview(message.ImageId, FileKey.SourcePreview),
            }.Select(key => Path.Combine(_directory.Path, key)).Order(StringComparer.Ordinal),
            Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
