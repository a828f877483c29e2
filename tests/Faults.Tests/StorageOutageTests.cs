using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Ingest's database locked by another writer for a minute mid-request, longer than a message's ordinary retries last:
/// every write Ingest tries fails as busy, its consumers back off and resume by themselves, nothing is dead-lettered.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class StorageOutageTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private const int DoneBeforeLock = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    // Messaging's defaults (5 retries, 200 ms doubling): each attempt waits the busy timeout, then fails
    private static readonly TimeSpan OrdinaryRetries =
        (6 * FaultsFixture.SqliteBusyTimeout) + TimeSpan.FromMilliseconds(200 + 400 + 800 + 1600 + 3200);

    [RequiresLocalAppHostFact]
    public async Task Ingests_database_locked_for_a_minute_mid_request_dead_letters_nothing_and_the_request_completes()
    {
        Assert.True(Outage > OrdinaryRetries, "the outage must outlast the ordinary retries, or it proves nothing");
        await fixture.EnsureAllHealthyAsync();
        // the images past the first few wait at the gate, so worker slots are busy with them when the lock lands; the
        // gate opens once the lock is held, so the workers finish images whose results Ingest cannot record (without
        // the gate, every image out might already be downloaded when the lock lands, and the fault would prove nothing)
        fixture.Images.CloseGate();
        var run = await PipelineRun.SubmitAsync(fixture, output, index => index >= DoneBeforeLock);
        await run.WaitForStatusAsync(s => PipelineRun.Done(s) >= DoneBeforeLock, TimeSpan.FromSeconds(90), $"{DoneBeforeLock} images done");
        await PipelineRun.WaitForHeldAsync(fixture, 1, TimeSpan.FromSeconds(60));

        int doneWhileLocked, doneAtRelease, heldAtLock, downloadsWhileLocked;
        await using (var holder = await LockAsync(fixture.DatabaseFile("ingestdb")))
        {
            // the lock is held: nothing Ingest writes from now on can commit, while reads (the status API) still work
            doneWhileLocked = PipelineRun.Done(await run.WaitForStatusAsync(_ => true, TimeSpan.FromSeconds(30), "any status"));
            var downloadsBefore = run.DownloadsSoFar();
            heldAtLock = fixture.Images.Held;
            fixture.Images.OpenGate();
            await Task.Delay(Outage);
            doneAtRelease = PipelineRun.Done(await run.WaitForStatusAsync(_ => true, TimeSpan.FromSeconds(30), "any status"));
            downloadsWhileLocked = run.DownloadsSoFar() - downloadsBefore;
        }
        output.WriteLine($"locked {Outage.TotalSeconds:0} s with {doneWhileLocked} images recorded; {heldAtLock} downloads finished and {downloadsWhileLocked} more began meanwhile; {doneAtRelease} recorded at release");

        // the fault landed: results arrived while the database was locked and none could be recorded
        Assert.Equal(doneWhileLocked, doneAtRelease);
        Assert.True(doneAtRelease < PipelineRun.ImageCount, "the request was done before the lock");
        Assert.True(heldAtLock > 0, "no image was processed while Ingest's database was locked");
        await run.CompleteAndVerifyAsync();
    }

    /// <summary>Takes the database's write lock (BEGIN IMMEDIATE) from another connection and holds it until disposed.</summary>
    private static async Task<LockedDatabase> LockAsync(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: false);
        return new LockedDatabase(connection, transaction);
    }
}
