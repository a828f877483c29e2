using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.TestSupport.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Tests.Dispatch;

/// <summary>How an origin's concurrency follows what its answers say: up while quick and clean, down on trouble.</summary>
public sealed class OriginPacerTests
{
    private const string Cdn = "https://cdn.example:443";

    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void An_origin_not_heard_from_starts_at_the_initial_limit()
    {
        Assert.Equal(8, Pacer().LimitOf(Cdn));
    }

    [Fact]
    public void Quick_clean_answers_grow_the_limit_up_to_the_maximum_and_no_further()
    {
        var pacer = Pacer(max: 20);

        for (var i = 0; i < 4; i++)
        {
            pacer.Observe(Clean(latencyMs: 300));
        }
        var afterFour = pacer.LimitOf(Cdn);
        for (var i = 0; i < 100; i++)
        {
            pacer.Observe(Clean(latencyMs: 300));
        }

        // a slow start: one more per clean answer until the first trouble
        Assert.Equal(12, afterFour);
        Assert.Equal(20, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void Answers_far_slower_than_the_origin_usually_gives_hold_the_limit()
    {
        var pacer = Pacer();
        pacer.Observe(Clean(latencyMs: 100));
        var before = pacer.LimitOf(Cdn);

        for (var i = 0; i < 10; i++)
        {
            pacer.Observe(Clean(latencyMs: 2_000));
        }

        Assert.Equal(before, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void A_throttled_spell_halves_the_limit_once_however_many_images_report_it()
    {
        var pacer = Pacer();
        for (var i = 0; i < 8; i++)
        {
            pacer.Observe(Clean(latencyMs: 100));
        }
        Assert.Equal(16, pacer.LimitOf(Cdn));

        for (var i = 0; i < 6; i++)
        {
            pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 2, Throttled = 1, LatencyMs = 100 });
        }
        Assert.Equal(8, pacer.LimitOf(Cdn));

        // trouble again after the spell: another halving
        _clock.Advance(TimeSpan.FromSeconds(2));
        pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 3, Failures = 2 });
        Assert.Equal(4, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void After_a_cut_the_limit_grows_by_one_per_limits_worth_of_clean_answers()
    {
        var pacer = Pacer();
        pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 1, Failures = 1 });
        Assert.Equal(4, pacer.LimitOf(Cdn));

        for (var i = 0; i < 5; i++)
        {
            pacer.Observe(Clean(latencyMs: 100));
        }

        Assert.Equal(5, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void Near_the_limit_it_last_had_trouble_at_it_probes_gently()
    {
        var pacer = Pacer(initial: 4);
        pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 1, Throttled = 1 });
        Assert.Equal(2, pacer.LimitOf(Cdn));

        var answers = 0;
        while (pacer.LimitOf(Cdn) < 4)
        {
            pacer.Observe(Clean(latencyMs: 100));
            answers++;
        }

        // 2 → 3 takes a couple of answers; 3 → 4, where it throttled, takes eight times a limit's worth
        Assert.InRange(answers, 20, 40);
    }

    [Fact]
    public void The_limit_is_never_cut_below_the_minimum()
    {
        var pacer = Pacer(min: 3);
        for (var i = 0; i < 10; i++)
        {
            pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 1, Throttled = 1 });
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(3, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void A_retry_after_pauses_the_origin_until_it_has_passed()
    {
        var pacer = Pacer();
        pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 2, Throttled = 1, RetryAfterMs = 3_000, LatencyMs = 50 });

        var paused = pacer.LimitOf(Cdn);
        _clock.Advance(TimeSpan.FromSeconds(3.1));

        Assert.Equal(0, paused);
        Assert.Equal(4, pacer.LimitOf(Cdn));
    }

    [Fact]
    public void Origins_are_paced_apart_and_a_result_without_a_download_teaches_nothing()
    {
        var pacer = Pacer();
        pacer.Observe(new DownloadReport { Origin = Cdn, Attempts = 1, Throttled = 1 });
        pacer.Observe(null);

        Assert.Equal(4, pacer.LimitOf(Cdn));
        Assert.Equal(8, pacer.LimitOf("https://other.example:443"));
    }

    private static DownloadReport Clean(int latencyMs) => new() { Origin = Cdn, Attempts = 1, LatencyMs = latencyMs };

    private OriginPacer Pacer(int min = 1, int max = 64, int initial = 8) => new(
        Options.Create(new IngestOptions { OriginConcurrencyInitial = initial, OriginConcurrencyMin = min, OriginConcurrencyMax = max }),
        _clock, NullLogger<OriginPacer>.Instance);
}
