using Microsoft.Data.Sqlite;

namespace ImagePipeline.Storage;

/// <summary>
/// The current row of a reader, read by column name: a query's column order is then not a second thing for its
/// reader to keep in step with, and a new column touches only the places that use it. Times are <see cref="StoredTime"/> millis.
/// </summary>
public readonly struct SqliteRow(SqliteDataReader reader)
{
    public string String(string column) => reader.GetString(reader.GetOrdinal(column));

    public string? NullableString(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public int Int32(string column) => reader.GetInt32(reader.GetOrdinal(column));

    public long Int64(string column) => reader.GetInt64(reader.GetOrdinal(column));

    public long? NullableInt64(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    public Guid Guid(string column) => System.Guid.Parse(String(column));

    public DateTimeOffset Time(string column) => StoredTime.FromMillis(Int64(column));

    public DateTimeOffset? NullableTime(string column) => StoredTime.FromMillis(NullableInt64(column));
}
