using System.Globalization;
using System.Runtime.CompilerServices;
using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>Ingest's store on SQLite: one file, transactions for every multi-row change, conditional updates for idempotency.</summary>
public sealed partial class SqliteIngestStore(SqliteDatabase database) : IIngestStore
{
    private const string RequestColumns =
        "id, status, csv_key, webhook_url, product_count, images_total, images_succeeded, images_failed, submitted_at, recorded_at, updated_at, completed_at, output_csv_key, output_csv_url, failure_reason, client_id, redrives, attempt, cancelled_at, webhook_events, event_sequence, retry_key";

    private static readonly string ImageColumns =
        "id, request_id, row_number, position, source_url, status, completed_at, " + string.Join(", ", SqliteImageOutcome.Columns);

    public async Task<bool> CreateRequestAsync(
        NewRequest request, IAsyncEnumerable<NewProduct> products, Func<string?> failureReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(failureReason);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM requests WHERE id = $id";
            exists.Parameters.AddWithValue("$id", Text(request.RequestId));
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return false;
            }

            var now = StoredTime.ToMillis(request.RecordedAt);
            await Execute(connection, transaction, cancellationToken,
                "INSERT INTO requests (id, status, csv_key, webhook_url, product_count, images_total, submitted_at, recorded_at, updated_at, client_id, webhook_events, fresh) VALUES ($id, $status, $key, $webhook, 0, 0, $submitted, $now, $now, $client, $events, $fresh)",
                ("$fresh", request.Fresh ? 1 : 0),
                ("$id", Text(request.RequestId)), ("$status", RequestStatuses.Processing), ("$key", request.CsvFileKey),
                ("$client", DbValue(request.ClientId)), ("$events", DbValue(request.WebhookEvents)),
                ("$webhook", (object?)request.WebhookUrl ?? DBNull.Value), ("$submitted", StoredTime.ToMillis(request.SubmittedAt)), ("$now", now));

            var (productCount, imageCount) = await InsertProductsAsync(connection, transaction, request.RequestId, products, cancellationToken);
            var reason = failureReason();
            await Execute(connection, transaction, cancellationToken, """
                UPDATE requests SET product_count = $products, images_total = $images,
                    status = $status, failure_reason = $reason, completed_at = $completed, lease_until = $lease,
                    event_sequence = $sequence
                WHERE id = $id
                """,
                ("$lease", reason is null ? DBNull.Value : StoredTime.ToMillis(request.LeaseUntil ?? request.RecordedAt)),
                ("$sequence", reason is null ? 0 : 1),
                ("$id", Text(request.RequestId)), ("$products", productCount), ("$images", imageCount),
                ("$status", reason is null ? RequestStatuses.Processing : RequestStatuses.Failed),
                ("$reason", (object?)reason ?? DBNull.Value), ("$completed", reason is null ? DBNull.Value : now));
            return true;
        }, cancellationToken);
    }

    public async Task<RequestRecord?> GetRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadRequestAsync(connection, null, requestId, cancellationToken);
    }

    public async IAsyncEnumerable<ImageRecord> GetPendingImagesAsync(Guid requestId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ImageColumns} FROM images WHERE request_id = $id AND status = $pending ORDER BY row_number, position";
        command.Parameters.AddWithValue("$id", Text(requestId));
        command.Parameters.AddWithValue("$pending", ImageStatuses.Pending);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadImage(reader);
        }
    }

    public IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, CancellationToken cancellationToken) =>
        GetProductsAsync(requestId, afterRow: 0, cancellationToken);

    public async IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, int afterRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // one ordered pass over a join keeps memory to one product at a time
        command.CommandText = $"""
            SELECT p.row_number, p.serial_number, p.name, {string.Join(", ", ImageColumns.Split(", ").Select(c => "i." + c))}
            FROM products p JOIN images i ON i.request_id = p.request_id AND i.row_number = p.row_number
            WHERE p.request_id = $id AND p.row_number > $after
            ORDER BY p.row_number, i.position
            """;
        command.Parameters.AddWithValue("$id", Text(requestId));
        command.Parameters.AddWithValue("$after", afterRow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        ProductRecord? current = null;
        var images = new List<ImageRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = reader.GetInt32(0);
            if (current is not null && current.RowNumber != row)
            {
                yield return current with { Images = images };
                images = [];
            }
            current = new ProductRecord(row, reader.GetInt64(1), reader.GetString(2), []);
            images.Add(ReadImage(reader));
        }
        if (current is not null)
        {
            yield return current with { Images = images };
        }
    }

    private static async Task<(int Products, int Images)> InsertProductsAsync(
        SqliteConnection connection, SqliteTransaction transaction, Guid requestId, IAsyncEnumerable<NewProduct> products, CancellationToken cancellationToken)
    {
        await using var insertProduct = connection.CreateCommand();
        insertProduct.Transaction = transaction;
        insertProduct.CommandText = "INSERT INTO products (request_id, row_number, serial_number, name) VALUES ($request, $row, $serial, $name)";
        insertProduct.Parameters.AddWithValue("$request", Text(requestId));
        var productRow = insertProduct.Parameters.Add("$row", SqliteType.Integer);
        var productSerial = insertProduct.Parameters.Add("$serial", SqliteType.Integer);
        var productName = insertProduct.Parameters.Add("$name", SqliteType.Text);

        await using var insertImage = connection.CreateCommand();
        insertImage.Transaction = transaction;
        insertImage.CommandText = "INSERT INTO images (id, request_id, row_number, position, source_url, status, host, leader_id) VALUES ($id, $request, $row, $position, $url, $pending, $host, $leader)";
        var imageId = insertImage.Parameters.Add("$id", SqliteType.Text);
        insertImage.Parameters.AddWithValue("$request", Text(requestId));
        var imageRow = insertImage.Parameters.Add("$row", SqliteType.Integer);
        var imagePosition = insertImage.Parameters.Add("$position", SqliteType.Integer);
        var imageUrl = insertImage.Parameters.Add("$url", SqliteType.Text);
        var imageHost = insertImage.Parameters.Add("$host", SqliteType.Text);
        var imageLeader = insertImage.Parameters.Add("$leader", SqliteType.Text);
        // the first slot of each URL is fetched; the others wait on it (the request is read once, so this is its only look)
        var leaders = new Dictionary<string, Guid>(StringComparer.Ordinal);
        insertImage.Parameters.AddWithValue("$pending", ImageStatuses.Pending);

        int productCount = 0, imageCount = 0;
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            productRow.Value = product.RowNumber;
            productSerial.Value = product.SerialNumber;
            productName.Value = product.Name;
            await insertProduct.ExecuteNonQueryAsync(cancellationToken);
            productCount++;
            for (var position = 0; position < product.Images.Count; position++)
            {
                imageId.Value = Text(product.Images[position].ImageId);
                imageRow.Value = product.RowNumber;
                imagePosition.Value = position;
                imageUrl.Value = product.Images[position].SourceUrl;
                imageHost.Value = OriginKey.Of(product.Images[position].SourceUrl);
                imageLeader.Value = leaders.TryAdd(product.Images[position].SourceUrl, product.Images[position].ImageId)
                    ? DBNull.Value
                    : Text(leaders[product.Images[position].SourceUrl]);
                await insertImage.ExecuteNonQueryAsync(cancellationToken);
                imageCount++;
            }
        }
        return (productCount, imageCount);
    }

    private static async Task<RequestRecord?> ReadRequestAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid requestId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {RequestColumns} FROM requests WHERE id = $id";
        command.Parameters.AddWithValue("$id", Text(requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRequest(reader) : null;
    }

    private static RequestRecord ReadRequest(SqliteDataReader reader)
    {
        var row = new SqliteRow(reader);
        return new RequestRecord
        {
            RequestId = row.Guid("id"),
            Status = row.String("status"),
            CsvFileKey = row.String("csv_key"),
            WebhookUrl = row.NullableString("webhook_url"),
            ProductCount = row.Int32("product_count"),
            ImagesTotal = row.Int32("images_total"),
            ImagesSucceeded = row.Int32("images_succeeded"),
            ImagesFailed = row.Int32("images_failed"),
            SubmittedAt = row.Time("submitted_at"),
            RecordedAt = row.Time("recorded_at"),
            UpdatedAt = row.Time("updated_at"),
            CompletedAt = row.NullableTime("completed_at"),
            OutputCsvKey = row.NullableString("output_csv_key"),
            OutputCsvUrl = row.NullableString("output_csv_url"),
            FailureReason = row.NullableString("failure_reason"),
            ClientId = row.NullableString("client_id"),
            Redrives = row.Int32("redrives"),
            Attempt = row.Int32("attempt"),
            CancelledAt = row.NullableTime("cancelled_at"),
            WebhookEvents = row.NullableString("webhook_events"),
            EventSequence = row.Int64("event_sequence"),
            RetryKey = row.NullableString("retry_key"),
        };
    }

    /// <summary>An image from <see cref="ImageColumns"/>, by name; in a join with products the shared <c>row_number</c> is equal by the join.</summary>
    private static ImageRecord ReadImage(SqliteDataReader reader)
    {
        var row = new SqliteRow(reader);
        return new ImageRecord
        {
            ImageId = row.Guid("id"),
            RequestId = row.Guid("request_id"),
            RowNumber = row.Int32("row_number"),
            Position = row.Int32("position"),
            SourceUrl = row.String("source_url"),
            Status = row.String("status"),
            Outcome = SqliteImageOutcome.Read(reader),
            CompletedAt = row.NullableTime("completed_at"),
        };
    }

    private static async Task<int> Execute(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Text(Guid id) => id.ToString("D");

    private static object DbValue<T>(T? value) => value is null ? DBNull.Value : value;

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
