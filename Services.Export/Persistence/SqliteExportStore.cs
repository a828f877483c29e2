using System.Globalization;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Export.Persistence;

/// <summary>The export store in a SQLite file; its table is made at start (<see cref="SqliteExportSchema"/>).</summary>
public sealed partial class SqliteExportStore(SqliteDatabase database) : IExportStore
{
    private const string SelectByRequest =
        "SELECT request_id, file_key, row_count, created_at, attempt FROM exports WHERE request_id = $request_id;";

    public async Task<ExportRecord?> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectByRequest;
        command.Parameters.AddWithValue("$request_id", Text(requestId));
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<ExportRecord> AddIfAbsentAsync(ExportRecord export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO exports (request_id, file_key, row_count, created_at, attempt)
                    VALUES ($request_id, $file_key, $row_count, $created_at, $attempt)
                    ON CONFLICT (request_id) DO UPDATE SET file_key = excluded.file_key, row_count = excluded.row_count,
                        created_at = excluded.created_at, attempt = excluded.attempt
                    WHERE exports.attempt < excluded.attempt;
                    """;
                insert.Parameters.AddWithValue("$attempt", export.Attempt);
                insert.Parameters.AddWithValue("$request_id", Text(export.RequestId));
                insert.Parameters.AddWithValue("$file_key", export.FileKey);
                insert.Parameters.AddWithValue("$row_count", export.RowCount);
                insert.Parameters.AddWithValue("$created_at", StoredTime.ToMillis(export.CreatedAt));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = SelectByRequest;
            select.Parameters.AddWithValue("$request_id", Text(export.RequestId));
            return await ReadOneAsync(select, cancellationToken)
                ?? throw new InvalidOperationException($"The export of request {export.RequestId} vanished inside its transaction.");
        }, cancellationToken);
    }

    private static async Task<ExportRecord?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new ExportRecord(
            Guid.Parse(reader.GetString(0)),
            reader.GetString(1),
            reader.GetInt32(2),
            StoredTime.FromMillis(reader.GetInt64(3)),
            reader.GetInt32(4));
    }

    // one spelling of a GUID in the table, whatever the caller's formatting
    private static string Text(Guid requestId) => requestId.ToString("D", CultureInfo.InvariantCulture);
}
