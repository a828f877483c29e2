using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Where an <see cref="ImageOutcome"/> lives in the <c>images</c> table: its columns, in one order for writing, reading
/// and clearing. A new field of the outcome is a column here (and one in <see cref="SqliteIngestSchema"/>).
/// </summary>
internal static class SqliteImageOutcome
{
    private static readonly (string Name, string Type)[] s_columns =
    [
        ("output_key", "TEXT"), ("output_url", "TEXT"), ("bytes_in", "INTEGER"), ("bytes_out", "INTEGER"), ("width", "INTEGER"),
        ("height", "INTEGER"), ("format", "TEXT"), ("source_quality", "INTEGER"), ("output_quality", "INTEGER"),
        ("reason_code", "TEXT"), ("reason", "TEXT"), ("worker_id", "TEXT"),
        ("source_preview_key", "TEXT"), ("source_preview_url", "TEXT"), ("output_preview_key", "TEXT"), ("output_preview_url", "TEXT"),
        ("reuse", "TEXT"),
    ];

    public static IReadOnlyList<string> Columns { get; } = [.. s_columns.Select(c => c.Name)];

    /// <summary>The columns as a table definition declares them, for a table that holds an outcome besides <c>images</c>.</summary>
    public static string Definitions { get; } = string.Join(", ", s_columns.Select(c => $"{c.Name} {c.Type}"));

    /// <summary>The outcome's values, by column, as parameters named <c>$column</c>.</summary>
    public static IEnumerable<(string Name, object Value)> Parameters(ImageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        object[] values =
        [
            Db(outcome.OutputKey), Db(outcome.OutputUrl), Db(outcome.BytesIn), Db(outcome.BytesOut), Db(outcome.Width), Db(outcome.Height),
            Db(outcome.Format), Db(outcome.SourceQuality), Db(outcome.OutputQuality), Db(outcome.ReasonCode), Db(outcome.Reason), Db(outcome.WorkerId),
            Db(outcome.SourcePreviewKey), Db(outcome.SourcePreviewUrl), Db(outcome.OutputPreviewKey), Db(outcome.OutputPreviewUrl), Db(outcome.Reuse),
        ];
        return Columns.Select((column, i) => ($"${column}", values[i]));
    }

    /// <summary>Reads the outcome from <see cref="Columns"/>, by name, wherever the query selected them.</summary>
    public static ImageOutcome Read(SqliteDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = new SqliteRow(reader);
        return new ImageOutcome
        {
            OutputKey = row.NullableString("output_key"), OutputUrl = row.NullableString("output_url"),
            BytesIn = row.NullableInt64("bytes_in"), BytesOut = row.NullableInt64("bytes_out"),
            Width = (int?)row.NullableInt64("width"), Height = (int?)row.NullableInt64("height"), Format = row.NullableString("format"),
            SourceQuality = (int?)row.NullableInt64("source_quality"), OutputQuality = (int?)row.NullableInt64("output_quality"),
            ReasonCode = row.NullableString("reason_code"), Reason = row.NullableString("reason"), WorkerId = row.NullableString("worker_id"),
            SourcePreviewKey = row.NullableString("source_preview_key"), SourcePreviewUrl = row.NullableString("source_preview_url"),
            OutputPreviewKey = row.NullableString("output_preview_key"), OutputPreviewUrl = row.NullableString("output_preview_url"),
            Reuse = row.NullableString("reuse"),
        };
    }

    private static object Db<T>(T? value) => value is null ? DBNull.Value : value;
}
