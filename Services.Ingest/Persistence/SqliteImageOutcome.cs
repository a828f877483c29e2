using ImagePipeline.Contracts;
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

    /// <summary>Reads the outcome from <see cref="Columns"/>, selected in order from <paramref name="offset"/>.</summary>
    public static ImageOutcome Read(SqliteDataReader reader, int offset)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? Text(int i) => reader.IsDBNull(offset + i) ? null : reader.GetString(offset + i);
        long? Number(int i) => reader.IsDBNull(offset + i) ? null : reader.GetInt64(offset + i);
        return new ImageOutcome
        {
            OutputKey = Text(0), OutputUrl = Text(1), BytesIn = Number(2), BytesOut = Number(3), Width = (int?)Number(4), Height = (int?)Number(5),
            Format = Text(6), SourceQuality = (int?)Number(7), OutputQuality = (int?)Number(8), ReasonCode = Text(9), Reason = Text(10), WorkerId = Text(11),
            SourcePreviewKey = Text(12), SourcePreviewUrl = Text(13), OutputPreviewKey = Text(14), OutputPreviewUrl = Text(15), Reuse = Text(16),
        };
    }

    private static object Db<T>(T? value) => value is null ? DBNull.Value : value;
}
