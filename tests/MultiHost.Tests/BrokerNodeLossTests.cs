using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.Waiting;
using ImagePipeline.TestSupport.Webhooks;
using Xunit.Abstractions;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>
/// The broker as a three-node RabbitMQ cluster with quorum queues: the node that leads the work queue is lost
/// mid-request (SIGKILL, as when its machine dies) and the request completes on the two left.
/// </summary>
public sealed class BrokerNodeLossTests(ITestOutputHelper output)
{
    private const string WorkQueue = "process-image";
    private const int DoneBeforeLoss = 12;
    private const int SystemEpmdPort = 4369;
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(5);

    [RequiresLocalAppHostFact]
    public async Task The_node_leading_the_work_queue_is_lost_mid_request_and_the_request_completes_every_image_once_with_one_webhook()
    {
        var systemEpmdBefore = await IsListeningAsync(SystemEpmdPort);
        var clock = Stopwatch.StartNew();
        await using (var system = await ClusterSystem.StartAsync(brokerNodes: 3))
        {
            output.WriteLine($"cluster of 3 and the system started in {clock.Elapsed.TotalSeconds:F1} s; nodes' log {system.Broker.LogPath}");
            // every durable queue the services declared is a quorum queue; the temporary ones (MassTransit's bus
            // queues, each ingest replica's heartbeat and throttle queues) are not durable and stay classic
            var types = await system.Broker.DurableQueueTypesAsync();
            Assert.Equal("quorum", types[WorkQueue]);
            Assert.Contains("image-processed", types.Keys);
            Assert.All(types, queue => Assert.Equal("quorum", queue.Value));

            var run = Guid.NewGuid().ToString("N")[..12];
            var submitted = Stopwatch.StartNew();
            var requestId = await system.SubmitAsync(run);
            var atLoss = await system.WaitForStatusAsync(requestId, status => Done(status) >= DoneBeforeLoss, TimeSpan.FromMinutes(2), $"{DoneBeforeLoss} images done");
            Assert.True(Done(atLoss) < ClusterSystem.ImageCount, "the request finished before the node was lost");

            var leader = await system.Broker.LeaderOfAsync(WorkQueue, TimeSpan.FromSeconds(60));
            await leader.KillAsync();
            var lostAt = submitted.Elapsed;
            output.WriteLine($"killed {leader.Name}, leader of {WorkQueue}, with {Done(atLoss)} of {ClusterSystem.ImageCount} images done");

            var final = await system.WaitForStatusAsync(requestId, IsFinal, CompletionTimeout, "a final status");
            var lossToCompleted = submitted.Elapsed - lostAt;
            // one of the two nodes left leads the work queue now (the wait fails unless a running node does)
            var newLeader = await system.Broker.LeaderOfAsync(WorkQueue, TimeSpan.FromSeconds(60));

            // every image counted once: the counters, the per-image rows and the results agree
            var images = final.GetProperty("images");
            Assert.Equal("Completed", final.GetProperty("status").GetString());
            Assert.Equal(ClusterSystem.ImageCount, images.GetProperty("total").GetInt32());
            Assert.Equal(ClusterSystem.ImageCount, images.GetProperty("succeeded").GetInt32());
            Assert.Equal(0, images.GetProperty("failed").GetInt32());
            Assert.Equal(0, images.GetProperty("pending").GetInt32());
            var rows = (await system.ProductsAsync(requestId)).SelectMany(product => product.GetProperty("images").EnumerateArray()).ToArray();
            Assert.Equal(ClusterSystem.ImageCount, rows.Length);
            Assert.Equal(ClusterSystem.ImageCount, rows.Select(row => row.GetProperty("imageId").GetGuid()).Distinct().Count());
            Assert.All(rows, row => Assert.Equal("Succeeded", row.GetProperty("status").GetString()));
            var downloads = Enumerable.Range(0, ClusterSystem.ImageCount).Select(index => system.Images.DownloadsOf(run, index)).ToArray();
            Assert.All(downloads, count => Assert.True(count >= 1));

            // one signed webhook, and a second copy given the time to show up
            await Eventually.TrueAsync(() => system.WebhooksOf(requestId).Count > 0, TimeSpan.FromSeconds(60), "the webhook");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var webhook = Assert.Single(system.WebhooksOf(requestId));
            Assert.True(StandardWebhookSignature.IsValid(ClusterSystem.SigningSecret, webhook.Header("webhook-id"), webhook.Header("webhook-timestamp"),
                webhook.Header("webhook-signature"), webhook.Body), "the webhook signature does not verify");

            // retries absorbed the failover: nothing gave up into an _error queue
            var depths = await system.Broker.QueueDepthsAsync();
            Assert.Equal(0, depths.Where(queue => queue.Key.EndsWith("_error", StringComparison.Ordinal)).Sum(queue => queue.Value));

            output.WriteLine($"status {final.GetProperty("status").GetString()}; images {ClusterSystem.ImageCount} succeeded, counted twice 0, lost 0; " +
                $"downloaded again after the loss {downloads.Sum() - ClusterSystem.ImageCount}; re-driven by the reconciler {final.GetProperty("redrives").GetInt32()}; " +
                $"webhooks 1; new leader {newLeader.Name}; " +
                $"loss → completed {lossToCompleted.TotalSeconds:F1} s; upload → completed {submitted.Elapsed.TotalSeconds:F1} s");
        }
        output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:F1} s");

        // the cluster's own check found none of its processes left; nor did anything start the system's epmd
        if (!systemEpmdBefore)
        {
            Assert.False(await IsListeningAsync(SystemEpmdPort), "an epmd listens on the system port 4369 after the test: some Erlang run had no private ERL_EPMD_PORT");
        }
    }

    private static int Done(JsonElement status)
    {
        var images = status.GetProperty("images");
        return images.GetProperty("succeeded").GetInt32() + images.GetProperty("failed").GetInt32();
    }

    private static bool IsFinal(JsonElement status) => status.GetProperty("status").GetString() is "Completed" or "CompletedWithErrors" or "Failed";

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, attempt.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
