using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.TestSupport.Time;

namespace ImagePipeline.Ingest.Tests.Dispatch;

/// <summary>The capacity Ingest dispatches to: the slots of the workers heard from lately.</summary>
public sealed class WorkerRosterTests
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(2);

    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Slots_add_up_over_the_workers_and_a_repeated_heartbeat_counts_once()
    {
        var roster = new WorkerRoster(_clock);

        roster.Heard(new WorkerCapacity("worker-a", 4, Beat));
        roster.Heard(new WorkerCapacity("worker-b", 8, Beat));
        roster.Heard(new WorkerCapacity("worker-a", 4, Beat));

        Assert.Equal((12, 2), (roster.Slots, roster.Workers));
    }

    [Fact]
    public void A_worker_silent_for_three_heartbeats_no_longer_counts()
    {
        var roster = new WorkerRoster(_clock);
        roster.Heard(new WorkerCapacity("worker-a", 4, Beat));
        roster.Heard(new WorkerCapacity("worker-b", 4, Beat));

        _clock.Advance(Beat * 2);
        roster.Heard(new WorkerCapacity("worker-b", 4, Beat));
        var whileRecent = roster.Slots;
        _clock.Advance(Beat * 1.5);

        Assert.Equal(8, whileRecent);
        Assert.Equal(4, roster.Slots);
    }

    [Fact]
    public void A_worker_that_says_it_stops_leaves_at_once()
    {
        var roster = new WorkerRoster(_clock);
        roster.Heard(new WorkerCapacity("worker-a", 4, Beat));

        roster.Heard(new WorkerCapacity("worker-a", 0, Beat));

        Assert.Equal(0, roster.Slots);
    }
}
