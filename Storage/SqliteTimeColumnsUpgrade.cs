using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Storage;

/// <summary>
/// Brings a table whose times were TEXT round-trip strings (the first releases) to INTEGER Unix milliseconds
/// (<see cref="StoredTime"/>). SQLite cannot change a column's type, so the table is copied: created anew under a
/// temporary name, filled with the converted rows, the old one dropped and the new one renamed, all in one write
/// transaction, so a crash leaves the old table whole and a second process opening the file at once finds the work
/// done. Indexes go with the old table: the caller creates them again afterwards.
/// </summary>
public static class SqliteTimeColumnsUpgrade
{
    /// <summary>Copies <paramref name="table"/> into its current shape if any of <paramref name="timeColumns"/> is still declared TEXT.</summary>
    /// <param name="database">the store's database</param>
    /// <param name="table">the table's name, from the store's schema</param>
    /// <param name="createTable">the table's current CREATE TABLE statement under the name it is given</param>
    /// <param name="timeColumns">the columns that hold times</param>
    /// <param name="cancellationToken">cancels the upgrade; nothing is changed then</param>
    /// <returns>true when the table was copied, false when it was already in shape</returns>
    public static async Task<bool> UpgradeAsync(
        SqliteDatabase database, string table, Func<string, string> createTable, IReadOnlyCollection<string> timeColumns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(createTable);
        ArgumentNullException.ThrowIfNull(timeColumns);
        await using var connection = await database.OpenAsync(cancellationToken);
        // dropping the old table must not cascade into or be refused by the tables that reference it; the pragma is a
        // no-op inside a transaction, so it is set before and restored after
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF;", cancellationToken);
        try
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var columns = await ReadColumnsAsync(connection, transaction, table, cancellationToken);
            if (!columns.Any(column => timeColumns.Contains(column.Name) && string.Equals(column.Type, "TEXT", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
            var copy = table + "_upgrade";
            var names = string.Join(", ", columns.Select(column => column.Name));
            var values = string.Join(", ", columns.Select(column =>
                timeColumns.Contains(column.Name) ? StoredTime.SqliteMillisFromRoundTripText(column.Name) : column.Name));
            await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {copy};", cancellationToken);
            await ExecuteAsync(connection, transaction, createTable(copy), cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {copy} ({names}) SELECT {values} FROM {table};", cancellationToken);
            await ExecuteAsync(connection, transaction, $"DROP TABLE {table};", cancellationToken);
            await ExecuteAsync(connection, transaction, $"ALTER TABLE {copy} RENAME TO {table};", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;", CancellationToken.None);
        }
    }

    private static async Task<List<(string Name, string Type)>> ReadColumnsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, type FROM pragma_table_info($table) ORDER BY cid;";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns.Count > 0
            ? columns
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Table {table} does not exist; create it before upgrading it."));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
