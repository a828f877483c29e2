using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// cancel, purge, retry and failed against the gateway's DELETE /api/requests/{id} (?purge=true), POST /api/requests/{id}/retry and
/// GET /api/requests/{id}/failed.csv.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RequestActionsTests(CliFixture fixture)
{
    [RequiresLocalAppHostFact]
    public async Task Cancel_ends_a_running_request_and_exits_4()
    {
        await WithHeldRequestAsync(async requestId =>
        {
            var cancel = await fixture.Cli.RunAsync("cancel", requestId, "--json");
            var again = await fixture.Cli.RunAsync("cancel", requestId);
            var status = await fixture.Cli.RunAsync("status", requestId, "--wait");

            Assert.True(cancel.ExitCode == 4, cancel.ToString());
            Assert.Equal("Cancelled", JsonDocument.Parse(cancel.Stdout).RootElement.GetProperty("status").GetString());
            // a finished request cannot be cancelled: 409, exit 1
            Assert.True(again.ExitCode == 1, again.ToString());
            Assert.Contains("(409)", again.Stderr, StringComparison.Ordinal);
            Assert.True(status.ExitCode == 4, status.ToString());
        });
    }

    [RequiresLocalAppHostFact]
    public async Task Purge_refuses_a_running_request_then_deletes_it_once_cancelled_and_exits_1_the_second_time()
    {
        await WithHeldRequestAsync(async requestId =>
        {
            var running = await fixture.Cli.RunAsync("purge", requestId);
            var cancel = await fixture.Cli.RunAsync("cancel", requestId);
            var purge = await fixture.Cli.RunAsync("purge", requestId, "--json");
            var again = await fixture.Cli.RunAsync("purge", requestId);
            var status = await fixture.Cli.RunAsync("status", requestId);

            // still running: 409, nothing deleted
            Assert.True(running.ExitCode == 1, running.ToString());
            Assert.Contains("(409)", running.Stderr, StringComparison.Ordinal);
            Assert.True(cancel.ExitCode == 4, cancel.ToString());
            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.True(JsonDocument.Parse(purge.Stdout).RootElement.GetProperty("purged").GetBoolean());
            // gone: the second purge and the status find nothing
            Assert.True(again.ExitCode == 1, again.ToString());
            Assert.True(status.ExitCode == 1, status.ToString());
            Assert.Contains("No request has the ID", status.Stderr, StringComparison.Ordinal);
        });
    }

    [RequiresLocalAppHostFact]
    public async Task Failed_lists_the_failed_rows_and_retry_wait_makes_the_request_whole()
    {
        var late = $"late-{Guid.NewGuid():N}.jpg";
        var csv = fixture.WriteCsv(CliFixture.Csv(
            $"1,Lamp,{fixture.Images.Url("photo.jpg")}",
            $"2,Late,{fixture.Images.Url(late)}"));
        var submitted = await fixture.Cli.RunAsync("submit", csv, "--wait", "--json");
        Assert.True(submitted.ExitCode == 2, submitted.ToString());
        var requestId = JsonDocument.Parse(submitted.Stdout).RootElement.GetProperty("requestId").GetGuid().ToString();

        var failed = await fixture.Cli.RunAsync("failed", requestId);
        Assert.True(failed.ExitCode == 0, failed.ToString());
        var lines = failed.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("S. No.,Product Name,Input Image Urls,Reason", lines[0]);
        Assert.StartsWith("2,Late,", Assert.Single(lines[1..]), StringComparison.Ordinal);

        fixture.Images.PutCopy(late, "photo.jpg");
        var retried = await fixture.Cli.RunAsync("retry", requestId, "--wait", "--json");
        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Equal("Completed", JsonDocument.Parse(retried.Stdout).RootElement.GetProperty("status").GetString());

        // nothing failed any more: retry has nothing to do (409), exit 1
        var nothingToRetry = await fixture.Cli.RunAsync("retry", requestId);
        Assert.True(nothingToRetry.ExitCode == 1, nothingToRetry.ToString());
    }

    // a one-image request whose image the server holds back, so it stays Processing until the test acts on it
    private async Task WithHeldRequestAsync(Func<string, Task> act)
    {
        var held = $"held-{Guid.NewGuid():N}.jpg";
        fixture.Images.PutCopy(held, "photo.jpg");
        fixture.Images.Hold(held);
        try
        {
            var submitted = await fixture.Cli.RunAsync("submit", fixture.WriteCsv(CliFixture.Csv($"1,Held,{fixture.Images.Url(held)}")), "--json");
            Assert.True(submitted.ExitCode == 0, submitted.ToString());
            await act(JsonDocument.Parse(submitted.Stdout).RootElement.GetProperty("requestId").GetGuid().ToString());
        }
        finally
        {
            fixture.Images.Release(held);
        }
    }
}
