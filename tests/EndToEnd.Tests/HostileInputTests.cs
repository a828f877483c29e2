using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImagePipeline.TestSupport.Diagnostics;
using ImagePipeline.TestSupport.Hostile;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The hostile-input corpus through the whole system: every hostile image URL in one CSV, each image failing with
/// its own reason code while its neighbours succeed; the workers refusing decompression bombs without the memory a
/// decode would take; and a normal request completing afterwards.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class HostileInputTests(PipelineFixture pipeline, ITestOutputHelper output)
{
    private static readonly string[] Bombs = ["jpeg-bomb-50k", "png-bomb-50k", "png-declaring-50k", "gif-declaring-65535"];
    private const int BombCopies = 4;

    // decoding one 50,000 × 50,000 image would take gigabytes; refusing sixteen should take next to nothing
    private const long AllowedPeakGrowth = 64L * 1024 * 1024;

    [RequiresAppHostFact]
    public async Task Workers_refuse_decompression_bombs_without_the_memory_a_decode_would_take()
    {
        // Arrange: this run's two worker processes, warmed up (so ImageMagick's start is not counted against the bombs,
        // whichever test runs first), then their memory peaks reset to what they hold now
        var workers = WorkerProcesses.Find(pipeline.ServiceEnvironmentMarker);
        Assert.Equal(2, workers.Count);
        pipeline.Serve("warm-up.jpg", TestImages.Jpeg(64, 48), "image/jpeg");
        var warmUp = await PipelineApi.UploadAsync(pipeline.Gateway, PipelineApi.Csv(Enumerable.Range(1, 8)
            .Select(i => (i, $"Warm-up {i}", (IReadOnlyList<string>)[pipeline.ImageServer.Url($"/images/warm-up.jpg?warm={i}").ToString()]))));
        Assert.Equal("Completed", (await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, warmUp)).String("status"));
        var lifetimePeaks = workers.ToDictionary(pid => pid, pid => ProcessMemory.Read(pid).Peak);
        var before = new Dictionary<int, (long Rss, long Peak)>();
        foreach (var pid in workers)
        {
            Assert.True(ProcessMemory.TryResetPeak(pid), $"the kernel would not reset VmHWM of worker {pid}");
            before[pid] = ProcessMemory.Read(pid);
        }
        var products = Bombs.SelectMany(name => Enumerable.Range(0, BombCopies).Select(copy => name))
            .Select((name, i) => (SerialNumber: i + 1, Name: name, Urls: (IReadOnlyList<string>)[$"{pipeline.Hostile[name].Url}?copy={i}"]))
            .ToArray();

        // Act
        var clock = Stopwatch.StartNew();
        var requestId = await PipelineApi.UploadAsync(pipeline.Gateway, PipelineApi.Csv(products));
        var status = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);
        output.WriteLine($"{products.Length} bombs: upload to CompletedWithErrors in {clock.Elapsed.TotalSeconds:0.0} s");

        // Assert: every bomb refused as too_large, by these workers
        Assert.Equal("CompletedWithErrors", status.String("status"));
        var images = (await PipelineApi.ImagesAsync(pipeline.Gateway, requestId)).Select(Assert.Single).ToArray();
        Assert.All(images, image => Assert.Equal(("Failed", "too_large"), (image.String("status"), image.String("failureCode"))));
        // a worker reports as an opaque ID (its host and process only in its own log), one per worker process
        var refusedBy = images.Select(i => i.String("processedBy")).OfType<string>().ToHashSet();
        Assert.All(refusedBy, worker => Assert.StartsWith("worker-", worker, StringComparison.Ordinal));
        Assert.InRange(refusedBy.Count, 1, workers.Count);

        // Assert: the peaks barely moved
        foreach (var pid in workers)
        {
            var (rss, peak) = ProcessMemory.Read(pid);
            output.WriteLine($"worker {pid}: VmHWM over its life so far {ProcessMemory.Megabytes(lifetimePeaks[pid])}; VmRSS before {ProcessMemory.Megabytes(before[pid].Rss)} " +
                $"(VmHWM reset to {ProcessMemory.Megabytes(before[pid].Peak)}), after: VmRSS {ProcessMemory.Megabytes(rss)}, " +
                $"VmHWM {ProcessMemory.Megabytes(peak)}; peak growth {ProcessMemory.Megabytes(peak - before[pid].Rss)}");
            Assert.True(peak - before[pid].Rss < AllowedPeakGrowth, $"worker {pid}'s peak grew by {ProcessMemory.Megabytes(peak - before[pid].Rss)}");
        }
    }

    [RequiresAppHostFact]
    public async Task Each_hostile_source_fails_only_its_own_image_and_a_normal_request_still_completes()
    {
        // Arrange: one product per corpus case, its hostile URL next to a good image (first or second, alternately)
        var corpus = pipeline.Hostile;
        pipeline.Serve("neighbour.jpg", TestImages.Jpeg(640, 480, quality: 85), "image/jpeg");
        var requestsBefore = corpus.Cases.ToDictionary(c => c.Name, corpus.RequestsFor);
        var products = corpus.Cases.Select((hostileCase, i) =>
        {
            var neighbour = pipeline.ImageServer.Url($"/images/neighbour.jpg?hostile={i}").ToString();
            return (Case: hostileCase, Slot: i % 2, Urls: (IReadOnlyList<string>)(i % 2 == 0 ? [hostileCase.Url, neighbour] : [neighbour, hostileCase.Url]));
        }).ToArray();

        // Act
        var requestId = await PipelineApi.UploadAsync(pipeline.Gateway,
            PipelineApi.Csv(products.Select((p, i) => (i + 1, p.Case.Name, p.Urls))));
        var status = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, requestId);

        // Assert: each case's image has its reason code (or succeeded), and every neighbour succeeded
        Assert.Equal("CompletedWithErrors", status.String("status"));
        var images = await PipelineApi.ImagesAsync(pipeline.Gateway, requestId);
        Assert.Equal(products.Length, images.Length);
        output.WriteLine($"{"case",-28} {"expected",-20} {"actual",-20} requests/expected");
        var wrong = new List<string>();
        foreach (var (product, productImages) in products.Zip(images))
        {
            var image = productImages[product.Slot];
            var neighbour = productImages[1 - product.Slot];
            var actual = image.String("status") == "Succeeded" ? HostileCase.Succeeded : image.String("failureCode") ?? "(none)";
            var requests = corpus.RequestsFor(product.Case) - requestsBefore[product.Case.Name];
            output.WriteLine($"{product.Case.Name,-28} {product.Case.Expected,-20} {actual,-20} {requests}/{product.Case.ExpectedRequests?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            if (actual != product.Case.Expected || (product.Case.ExpectedRequests is { } expected && expected != requests))
            {
                wrong.Add($"{product.Case.Name}: expected {product.Case.Expected} after {product.Case.ExpectedRequests} requests, got {actual} after {requests} ({image.String("failureReason")})");
            }
            if (neighbour.String("status") != "Succeeded")
            {
                wrong.Add($"{product.Case.Name}: the good image next to it ended {neighbour.String("status")} {neighbour.String("failureCode")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(0, corpus.BlockedDestinationContacts);
        var failing = corpus.Cases.Count(c => !c.ShouldSucceed);
        Assert.Equal((failing, (2 * products.Length) - failing), (status.GetProperty("images").GetProperty("failed").GetInt32(), status.GetProperty("images").GetProperty("succeeded").GetInt32()));

        // Assert: the output CSV has an empty slot exactly where an image failed
        var rows = await PipelineApi.OutputCsvAsync(pipeline.Gateway, requestId);
        Assert.Equal(products.Length + 1, rows.Count);
        foreach (var ((product, productImages), row) in products.Zip(images).Zip(rows.Skip(1)))
        {
            Assert.Equal(product.Case.Name, row[1]);
            var slots = row[3].Split(',');
            Assert.Equal(productImages.Select(i => i.String("outputUrl") ?? ""), slots);
            Assert.Equal(product.Case.ShouldSucceed, slots[product.Slot].Length > 0);
        }

        // Act and assert: afterwards, a normal request still goes through
        var normal = Enumerable.Range(1, 3).Select(i => (i, $"After the corpus {i}",
            (IReadOnlyList<string>)[pipeline.ImageServer.Url($"/images/neighbour.jpg?after={i}").ToString()])).ToArray();
        var normalId = await PipelineApi.UploadAsync(pipeline.Gateway, PipelineApi.Csv(normal));
        var normalStatus = await PipelineApi.WaitForFinalStatusAsync(pipeline.Gateway, normalId);
        Assert.Equal("Completed", normalStatus.String("status"));
        Assert.All((await PipelineApi.ImagesAsync(pipeline.Gateway, normalId)).SelectMany(i => i), image => Assert.Equal("Succeeded", image.String("status")));
    }
}
