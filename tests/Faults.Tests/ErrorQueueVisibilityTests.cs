using ImagePipeline.Contracts;
using ImagePipeline.TestSupport.Infrastructure;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// A message in an <c>_error</c> queue is visible without rabbitmqctl: the service that owns the queue answers
/// <c>/health</c> Degraded (still 200) until the operator empties it.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ErrorQueueVisibilityTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const string ErrorQueueName = "export-requested_error";
    private static readonly TimeSpan Seen = TimeSpan.FromSeconds(90);

    [RequiresLocalAppHostFact]
    public async Task A_message_in_an_error_queue_turns_its_services_health_degraded_until_the_queue_is_emptied()
    {
        await fixture.EnsureAllHealthyAsync();
        var rabbitmq = fixture.RabbitMQ();
        Assert.Equal("Healthy", await WaitForHealthAsync("Healthy"));

        // an export of a request Ingest never heard of: poison, it ends in export-requested_error after the retries
        var connectionString = await fixture.MessagingConnectionStringAsync();
        await PoisonMessageTests.PublishAsync(connectionString, new ExportRequested(Guid.NewGuid()));
        try
        {
            var degraded = await WaitForHealthAsync("Degraded");
            var depth = await ErrorQueue.DepthAsync(connectionString, [ErrorQueueName]);
            output.WriteLine($"export /health: {degraded} with {depth} message(s) in {ErrorQueueName}");
            Assert.True(depth >= 1, $"{ErrorQueueName} is empty, yet /health said {degraded}");
        }
        finally
        {
            // whatever happened above, the poison must not stay for the tests that count error queues after this one
            await rabbitmq.RunAsync("rabbitmqctl", "purge_queue", ErrorQueueName);
        }
        Assert.Equal("Healthy", await WaitForHealthAsync("Healthy"));
    }

    private async Task<string> WaitForHealthAsync(string expected)
    {
        using var client = fixture.ServiceClient("export");
        using var deadline = new CancellationTokenSource(Seen);
        var last = "";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), deadline.Token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}";
                if (response.IsSuccessStatusCode && last.EndsWith(expected, StringComparison.Ordinal))
                {
                    return expected;
                }
                await Task.Delay(500, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"export's /health did not answer 200 {expected} within {Seen.TotalSeconds:0} s; last: {last}");
            }
        }
    }
}
