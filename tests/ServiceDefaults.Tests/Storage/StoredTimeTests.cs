using System.Globalization;
using ImagePipeline.Storage;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>The one time codec: milliseconds both ways, truncated, so a filter's value equals the stored one.</summary>
public sealed class StoredTimeTests
{
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2026, 12, 3, 5, 40, 1, 123, TimeSpan.Zero).AddTicks(4567);

    [Fact]
    public void Millis_are_utc_unix_milliseconds_truncated()
    {
        Assert.Equal(1796276401123, StoredTime.ToMillis(Instant));
        Assert.Equal(Instant.AddTicks(-4567), StoredTime.FromMillis(StoredTime.ToMillis(Instant)));
    }

    [Fact]
    public void An_offset_does_not_change_the_instant()
    {
        var elsewhere = Instant.ToOffset(TimeSpan.FromHours(-5.5));

        Assert.Equal(StoredTime.ToMillis(Instant), StoredTime.ToMillis(elsewhere));
        Assert.Equal(TimeSpan.Zero, StoredTime.FromMillis(StoredTime.ToMillis(elsewhere)).Offset);
    }

    [Fact]
    public void Times_before_1970_truncate_towards_the_earlier_millisecond()
    {
        var early = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(5000);

        Assert.Equal(-1, StoredTime.ToMillis(early));
        Assert.Equal(early.AddTicks(-5000), StoredTime.FromMillis(-1));
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(StoredTime.ToMillis((DateTimeOffset?)null));
        Assert.Null(StoredTime.FromMillis((long?)null));
        Assert.Null(StoredTime.ToBson((DateTimeOffset?)null));
        Assert.Null(StoredTime.FromBson((DateTime?)null));
        Assert.Equal(StoredTime.ToMillis(Instant), StoredTime.ToMillis((DateTimeOffset?)Instant));
    }

    [Fact]
    public void Bson_dates_are_utc_and_hold_the_same_milliseconds()
    {
        var bson = StoredTime.ToBson(Instant.ToOffset(TimeSpan.FromHours(2)));

        Assert.Equal(DateTimeKind.Utc, bson.Kind);
        Assert.Equal(StoredTime.FromMillis(StoredTime.ToMillis(Instant)).UtcDateTime, bson);
        Assert.Equal(0, bson.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void A_bson_date_read_without_a_kind_is_taken_as_utc()
    {
        var read = StoredTime.FromBson(DateTime.SpecifyKind(StoredTime.ToBson(Instant), DateTimeKind.Unspecified));

        Assert.Equal(StoredTime.FromMillis(StoredTime.ToMillis(Instant)), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void A_round_trip_through_bson_and_millis_agrees()
    {
        Assert.Equal(StoredTime.FromMillis(StoredTime.ToMillis(Instant)), StoredTime.FromBson(StoredTime.ToBson(Instant)));
    }

    [Fact]
    public void The_old_text_form_was_always_utc_with_seven_digits()
    {
        // how the first releases wrote a time (SqliteIngestStore, SqliteExportStore): the migration relies on this shape
        var text = Instant.ToOffset(TimeSpan.FromHours(3)).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

        Assert.Equal("2026-12-03T05:40:01.1234567+00:00", text);
    }
}
