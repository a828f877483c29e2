using System.Globalization;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>The SQL conversion of the old TEXT times, evaluated by real SQLite on the values the old stores wrote.</summary>
public sealed class StoredTimeSqliteTests
{
    public static TheoryData<string, long> OldValues => new()
    {
        // what ToUniversalTime().ToString("O") wrote: always +00:00 and seven fractional digits
        { "2025-01-02T00:00:00.0000000+00:00", 1735776000000 },
        { "2026-12-03T05:40:01.1234567+00:00", 1796276401123 },
        { "2026-12-03T05:40:01.9999999+00:00", 1796276401999 },
        { "1970-01-01T00:00:00.0005000+00:00", 0 },
        { "2024-02-29T23:59:59.9990000+00:00", 1709251199999 },
        // forms no store wrote, converted right all the same
        { "2026-12-03T07:40:01.1234567+02:00", 1796276401123 },
        { "2026-12-03T00:10:01.1234567-05:30", 1796276401123 },
        { "2026-12-03T05:40:01.1234567Z", 1796276401123 },
    };

    [Theory]
    [MemberData(nameof(OldValues))]
    public async Task Old_text_converts_to_the_codecs_millis(string text, long expected)
    {
        Assert.Equal(expected, StoredTime.ToMillis(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        Assert.Equal(expected, await ConvertAsync(text));
    }

    [Fact]
    public async Task Integers_and_null_pass_through()
    {
        Assert.Equal(1796276401123L, await ConvertAsync(1796276401123L));
        Assert.Equal(DBNull.Value, await EvaluateAsync(DBNull.Value));
    }

    [Fact]
    public async Task Every_millisecond_of_a_second_converts_exactly()
    {
        var start = new DateTimeOffset(2026, 12, 3, 5, 40, 1, TimeSpan.Zero);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredTime.SqliteMillisFromRoundTripText("$t")};";
        var parameter = command.Parameters.Add("$t", SqliteType.Text);
        for (var tick = 0L; tick < TimeSpan.TicksPerSecond; tick += 9_973)
        {
            var time = start.AddTicks(tick);
            parameter.Value = time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            Assert.Equal(StoredTime.ToMillis(time), (long)(await command.ExecuteScalarAsync())!);
        }
    }

    private static async Task<long> ConvertAsync(object value) => (long)(await EvaluateAsync(value))!;

    private static async Task<object?> EvaluateAsync(object value)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredTime.SqliteMillisFromRoundTripText("$t")};";
        command.Parameters.AddWithValue("$t", value);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return connection;
    }
}
