using System.Runtime.CompilerServices;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Persistence;

public sealed partial class SqliteIngestStore
{
    public async IAsyncEnumerable<ProductRecord> FindProductsAsync(Guid requestId, ProductQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string>();
        if (query.ImageStatus is not null)
        {
            // a product's own images, by ix_images_request_row_position: left to itself the planner may take
            // ix_images_request_status and read every image of that status in the request for each product (Failed
            // only took ~100 ms a page at 10,000 products, 300 failed, and grows with products × failed)
            filters.Add("EXISTS (SELECT 1 FROM images f INDEXED BY ix_images_request_row_position WHERE f.request_id = p.request_id AND f.row_number = p.row_number AND f.status = $status)");
            command.Parameters.AddWithValue("$status", query.ImageStatus);
        }
        if (query.Search is { Length: > 0 } search)
        {
            var byName = "instr(lower(p.name), lower($search)) > 0";
            filters.Add(query.SearchNumber is { } number ? $"({byName} OR p.row_number = $number OR p.serial_number = $number)" : byName);
            command.Parameters.AddWithValue("$search", search);
            if (query.SearchNumber is { } n)
            {
                command.Parameters.AddWithValue("$number", n);
            }
        }
        // one ordered pass over a join keeps memory to one product at a time; the caller stops reading after a page
        command.CommandText = $"""
            SELECT p.row_number, p.serial_number, p.name, {string.Join(", ", ImageColumns.Split(", ").Select(c => "i." + c))}
            FROM products p JOIN images i ON i.request_id = p.request_id AND i.row_number = p.row_number
            WHERE p.request_id = $id AND p.row_number > $after{string.Concat(filters.Select(f => " AND " + f))}
            ORDER BY p.row_number, i.position
            """;
        command.Parameters.AddWithValue("$id", Text(requestId));
        command.Parameters.AddWithValue("$after", query.AfterRow);
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

    public async Task<RequestActivity> GetActivityAsync(Guid requestId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // the first count reads ix_images_released; the second ix_images_request_completed
        command.CommandText = """
            SELECT
              (SELECT COUNT(*) FROM images WHERE request_id = $id AND status = $pending AND lease_until IS NOT NULL),
              (SELECT COUNT(*) FROM images WHERE request_id = $id AND completed_at >= $since)
            """;
        command.Parameters.AddWithValue("$id", Text(requestId));
        command.Parameters.AddWithValue("$pending", ImageStatuses.Pending);
        command.Parameters.AddWithValue("$since", StoredTime.ToMillis(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RequestActivity(reader.GetInt32(0), reader.GetInt32(1));
    }
}
