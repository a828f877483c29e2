namespace ImagePipeline.Notifier.Persistence;

/// <summary>A purge of one request's deliveries.</summary>
public sealed partial class SqliteNotifierStore
{
    public async Task<int> DeleteByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            // attempts first: they reference their delivery
            delete.CommandText = """
                DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE request_id = $request_id);
                DELETE FROM deliveries WHERE request_id = $request_id;
                SELECT changes();
                """;
            delete.Parameters.AddWithValue("$request_id", Text(requestId));
            return Convert.ToInt32(await delete.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }
}
