using System.Globalization;
using ImagePipeline.Storage;

namespace ImagePipeline.Export.Persistence;

/// <summary>
/// The export table in the SQLite file, made (or brought up to date) by the start-up step: the table, the column added
/// after the first release, and the upgrade of text times.
/// </summary>
public sealed class SqliteExportSchema(SqliteDatabase database) : IStoreSchema
{
    // times are StoredTime's Unix milliseconds; the first releases kept round-trip text, converted here
    private static readonly string[] TimeColumns = ["created_at"];

    // added after the first release: a table created before it gets the column here
    private const string AttemptColumn = "ALTER TABLE exports ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;";

    public string Name => "export (SQLite)";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CreateTable("exports");
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('exports') WHERE name = 'attempt'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = AttemptColumn;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await SqliteTimeColumnsUpgrade.UpgradeAsync(database, "exports", CreateTable, TimeColumns, cancellationToken);
    }

    private static string CreateTable(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name} (
            request_id TEXT NOT NULL PRIMARY KEY,
            file_key TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 1
        );
        """;
}
