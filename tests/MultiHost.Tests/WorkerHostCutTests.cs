using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ImagePipeline.MultiHost.Tests.Hosts;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.Waiting;
using ImagePipeline.TestSupport.Webhooks;
using Xunit.Abstractions;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>
/// Image workers on hosts of their own (network namespaces cabled to a switch), the broker a three-node RabbitMQ
/// cluster on three more: one worker host's link is cut while it holds images, the other worker finishes the request
/// with every image once and one webhook; the link comes back and the worker takes work again.
/// </summary>
public sealed class WorkerHostCutTests(ITestOutputHelper output)
{
    private const int Products = 16;
    private const int ImageCount = Products * 3;
    // the first images pass the origin at once; the rest wait at its gate, so that every worker slot holds one when the link goes
    private const int UngatedImages = 12;
    private const int SecondProducts = 8;
    private const int SystemEpmdPort = 4369;
    private const string WorkQueue = "process-image";
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(3);

    [RequiresNetworkHostsFact]
    public async Task A_worker_hosts_link_is_cut_mid_request_the_other_worker_finishes_every_image_once_with_one_webhook_and_the_worker_rejoins()
    {
        var systemEpmdBefore = await IsListeningAsync(SystemEpmdPort);
        var swept = HostNetwork.SweepLeftovers();
        output.WriteLine(swept.Count == 0 ? "no leftovers of earlier runs" : $"removed leftovers of earlier runs: {string.Join(", ", swept)}");
        var clock = Stopwatch.StartNew();
        HostNetwork network;
        await using (var system = await MultiHostSystem.StartAsync())
        {
            network = system.Network;
            output.WriteLine($"{system.Network.Hosts.Count} hosts and the system started in {clock.Elapsed.TotalSeconds:F1} s ({system.StartTimes}); logs in {system.LogDirectory}; " +
                string.Join(", ", system.Network.Hosts) + $", test {system.Network.TestAddress}");
            // the broker is one cluster across its three hosts, and the work queue a quorum queue with a replica on each
            var types = await system.Broker.DurableQueueTypesAsync();
            Assert.Equal("quorum", types[WorkQueue]);
            Assert.All(types, queue => Assert.Equal("quorum", queue.Value));
            Assert.Equal(system.Broker.Nodes.Select(node => node.Name).Order(), (await system.Broker.QuorumMembersAsync(WorkQueue)).Order());
            var (cutWorker, otherWorker) = (system.Workers[0], system.Workers[1]);

            // request 1: the gated images fill every slot of both workers; then the first worker's host loses its link
            var run = Guid.NewGuid().ToString("N")[..12];
            system.Images.CloseGate();
            var submitted = Stopwatch.StartNew();
            var requestId = await system.SubmitAsync(run, Products, gatedFrom: UngatedImages);
            // not "the ungated images done": ingest need not dispatch in CSV order, and an ungated image queued behind
            // held ones waits for the gate like them
            await Eventually.TrueAsync(() => system.Images.Held >= 2 * MultiHostSystem.WorkerConcurrency, TimeSpan.FromMinutes(3), "every worker slot holding a gated image");
            // each worker logs its ID at its first image
            var cutId = MultiHostSystem.WorkerIdOf(cutWorker);
            var otherId = MultiHostSystem.WorkerIdOf(otherWorker);
            var heldByCut = HeldBy(system, run, cutWorker.Host.Address);
            Assert.Equal(MultiHostSystem.WorkerConcurrency, heldByCut.Count);

            system.Network.Cut(cutWorker.Host);
            var cutAt = DateTimeOffset.UtcNow;
            var sinceCut = Stopwatch.StartNew();
            system.Images.OpenGate();
            output.WriteLine($"cut {cutWorker.Host}'s link {submitted.Elapsed.TotalSeconds:F1} s after the upload, holding images {string.Join(',', heldByCut.Order())}");

            var final = await system.WaitForStatusAsync(requestId, IsFinal, CompletionTimeout, "a final status");
            var cutToCompleted = sinceCut.Elapsed;
            var rows = await system.ImageRowsAsync(requestId);

            // every image once: the counters, the rows and the results agree
            var images = final.GetProperty("images");
            Assert.Equal("Completed", final.GetProperty("status").GetString());
            Assert.Equal(ImageCount, images.GetProperty("total").GetInt32());
            Assert.Equal(ImageCount, images.GetProperty("succeeded").GetInt32());
            Assert.Equal(0, images.GetProperty("failed").GetInt32());
            Assert.Equal(ImageCount, rows.Length);
            Assert.Equal(ImageCount, rows.Select(row => row.GetProperty("imageId").GetGuid()).Distinct().Count());
            Assert.All(rows, row => Assert.Equal("Succeeded", row.GetProperty("status").GetString()));
            Assert.Equal(ImageCount, rows.Select(row => IndexOf(row, run)).Distinct().Count());

            // the cut worker finished none of the gated images, not even those it held: the other worker did them all
            var byIndex = rows.ToDictionary(row => IndexOf(row, run), row => row.GetProperty("processedBy").GetString());
            Assert.All(byIndex.Where(image => image.Key >= UngatedImages), image => Assert.Equal(otherId, image.Value));
            Assert.All(heldByCut, index => Assert.Equal(otherId, byIndex[index]));
            Assert.All(byIndex.Values, worker => Assert.True(worker == cutId || worker == otherId, $"processed by unknown worker {worker}"));
            // the other worker fetched each image the cut one held again: the broker had given it back
            var takenOver = heldByCut.Select(index => system.Images.Downloads
                .Where(download => download.Run == run && download.Index == index && Equals(download.From, otherWorker.Host.Address)).Select(download => download.At).DefaultIfEmpty().Min()).ToArray();
            Assert.All(takenOver, at => Assert.True(at > cutAt, "an image the cut worker held was not fetched by the other worker after the cut"));
            var cutToTakeover = takenOver.Min() - cutAt;
            // what gave them back: the broker closed the cut worker's connection once its heartbeats stopped
            var freed = system.Broker.MissedHeartbeatsFrom(cutWorker.Host.Address);
            Assert.True(freed is not null, $"no broker node closed {cutWorker.Host}'s connection for missed heartbeats (logs {system.Broker.LogPaths})");
            var cutToFreed = freed.Value.At - cutAt;

            var webhook = await SingleWebhookAsync(system, requestId);
            Assert.True(StandardWebhookSignature.IsValid(MultiHostSystem.SigningSecret, webhook.Header("webhook-id"), webhook.Header("webhook-timestamp"),
                webhook.Header("webhook-signature"), webhook.Body), "the webhook signature does not verify");
            output.WriteLine($"request 1: {ImageCount} images succeeded, counted twice 0, lost 0; by the cut worker {byIndex.Values.Count(id => id == cutId)} (all before the cut), " +
                $"by the other {byIndex.Values.Count(id => id == otherId)}; webhooks 1; cut → the broker ({freed.Value.Node}) dropped the cut worker for missed heartbeats ({MultiHostSystem.Heartbeat}) {cutToFreed.TotalSeconds:F1} s; cut → the other worker fetched the first held image {cutToTakeover.TotalSeconds:F1} s; " +
                $"cut → completed {cutToCompleted.TotalSeconds:F1} s; upload → completed {submitted.Elapsed.TotalSeconds:F1} s");

            // the link comes back: the worker reconnects and takes work again
            system.Network.Restore(cutWorker.Host);
            var sinceRestore = Stopwatch.StartNew();
            await cutWorker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
            var restoreToHealthy = sinceRestore.Elapsed;
            var secondRun = Guid.NewGuid().ToString("N")[..12];
            var secondId = await system.SubmitAsync(secondRun, SecondProducts);
            var second = await system.WaitForStatusAsync(secondId, IsFinal, CompletionTimeout, "a final status");
            Assert.Equal("Completed", second.GetProperty("status").GetString());
            var secondRows = await system.ImageRowsAsync(secondId);
            Assert.Equal(SecondProducts * 3, secondRows.Length);
            var byCut = secondRows.Count(row => row.GetProperty("processedBy").GetString() == cutId);
            var fetchedByCut = system.Images.Downloads.Count(download => download.Run == secondRun && Equals(download.From, cutWorker.Host.Address));
            Assert.True(byCut > 0, $"the worker whose link came back processed none of the second request's {SecondProducts * 3} images");
            Assert.True(fetchedByCut > 0, "the worker whose link came back fetched none of the second request's images");
            await SingleWebhookAsync(system, secondId);
            // and the first request still has its one webhook and its counts, whatever the returning worker had left over
            Assert.Single(system.WebhooksOf(requestId));
            var firstAgain = await system.WaitForStatusAsync(requestId, IsFinal, CompletionTimeout, "a final status");
            Assert.Equal(ImageCount, firstAgain.GetProperty("images").GetProperty("succeeded").GetInt32());
            Assert.Equal(ImageCount, firstAgain.GetProperty("images").GetProperty("total").GetInt32());
            output.WriteLine($"link restored → worker healthy {restoreToHealthy.TotalSeconds:F1} s; request 2: {byCut} of {SecondProducts * 3} images by the returning worker, " +
                $"{secondRows.Length - byCut} by the other");
        }
        output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:F1} s");
        // nothing the test started outlives it: no process in its namespaces, no namespace, no system epmd
        Assert.Empty(network.ProcessesLeft());
        Assert.Empty(network.ExistingNamespaces());
        if (!systemEpmdBefore)
        {
            Assert.False(await IsListeningAsync(SystemEpmdPort), "an epmd listens on the system port 4369 after the test: some Erlang run had no private ERL_EPMD_PORT");
        }
    }

    // the gated images of run whose download from address is open (held at the gate) right now
    private static HashSet<int> HeldBy(MultiHostSystem system, string run, IPAddress address) =>
        [.. system.Images.Downloads.Where(download => download.Run == run && download.Index >= UngatedImages && Equals(download.From, address)).Select(download => download.Index)];

    private static int IndexOf(JsonElement row, string run)
    {
        var url = row.GetProperty("inputUrl").GetString()!;
        var name = url[(url.IndexOf($"/images/{run}/", StringComparison.Ordinal) + run.Length + 9)..];
        return int.Parse(name[..name.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    private static async Task<TestSupport.Http.RecordedRequest> SingleWebhookAsync(MultiHostSystem system, Guid requestId)
    {
        await Eventually.TrueAsync(() => system.WebhooksOf(requestId).Count > 0, TimeSpan.FromSeconds(60), "the webhook");
        // a second copy given the time to show up
        await Task.Delay(TimeSpan.FromSeconds(3));
        return Assert.Single(system.WebhooksOf(requestId));
    }

    private static bool IsFinal(JsonElement status) => status.GetProperty("status").GetString() is "Completed" or "CompletedWithErrors" or "Failed";

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
