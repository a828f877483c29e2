namespace ImagePipeline.Export.Persistence;

/// <summary>A purge of one request's export record.</summary>
public sealed partial class SqliteExportStore
{
    public async Task DeleteAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM exports WHERE request_id = $request_id;";
            delete.Parameters.AddWithValue("$request_id", Text(requestId));
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }
}
