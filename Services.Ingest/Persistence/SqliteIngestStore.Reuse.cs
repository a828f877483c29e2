using System.Globalization;
using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Reuse: what each client's sources were when their outputs were made (<c>source_versions</c>), and who still uses an
/// output. An image released with a reusable output records its key (<c>reuse_key</c>) in the same transaction that
/// read it, and a purge forgets an output in one transaction that finds no other user of it, so an output is either
/// still in use (and kept) or no longer offered, never both.
/// </summary>
public sealed partial class SqliteIngestStore
{
    private static readonly string VersionOutcomeColumns = string.Join(", ", SqliteImageOutcome.Columns);

    public async Task<bool> ReleaseOutputAsync(Guid requestId, string outputKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputKey);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var users = Convert.ToInt64(await Scalar(connection, transaction, cancellationToken,
                "SELECT COUNT(*) FROM images WHERE (output_key = $key OR reuse_key = $key) AND request_id <> $id",
                ("$key", outputKey), ("$id", Text(requestId))), CultureInfo.InvariantCulture);
            if (users > 0)
            {
                return false;
            }
            await Execute(connection, transaction, cancellationToken, "DELETE FROM source_versions WHERE output_key = $key", ("$key", outputKey));
            return true;
        }, cancellationToken);
    }

    public async Task<ReuseCounts> CountReusedAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT reuse, COUNT(*) FROM images WHERE request_id = $id AND reuse IS NOT NULL GROUP BY reuse", ("$id", Text(requestId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return ReuseCounts.From(counts);
    }

    /// <summary>Attaches what the client's earlier requests made from each image's URL, and records that the image may use it.</summary>
    private static async Task<IReadOnlyList<ImageRecord>> WithReusableAsync(
        SqliteConnection connection, SqliteTransaction transaction, string clientKey, List<ImageRecord> images, CancellationToken cancellationToken)
    {
        await using var find = Command(connection, transaction,
            $"SELECT etag, last_modified, content_hash, fingerprint, {VersionOutcomeColumns} FROM source_versions WHERE client_key = $client AND source_url = $url",
            ("$client", clientKey));
        var url = find.Parameters.Add("$url", SqliteType.Text);
        await using var mark = Command(connection, transaction, "UPDATE images SET reuse_key = $key WHERE id = $image");
        var key = mark.Parameters.Add("$key", SqliteType.Text);
        var image = mark.Parameters.Add("$image", SqliteType.Text);
        var released = new List<ImageRecord>(images.Count);
        foreach (var record in images)
        {
            url.Value = record.SourceUrl;
            ReusableOutput? reusable = null;
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    var row = new SqliteRow(reader);
                    var source = new SourceVersion
                    {
                        ETag = row.NullableString("etag"), LastModified = row.NullableString("last_modified"),
                        ContentHash = row.String("content_hash"), Fingerprint = row.String("fingerprint"),
                    };
                    reusable = new ReusableOutput(source, SqliteImageOutcome.Read(reader));
                }
            }
            if (reusable?.Outcome.OutputKey is { } output)
            {
                key.Value = output;
                image.Value = Text(record.ImageId);
                await mark.ExecuteNonQueryAsync(cancellationToken);
                released.Add(record with { Reusable = reusable });
            }
            else
            {
                released.Add(record);
            }
        }
        return released;
    }

    /// <summary>Remembers the version a just-recorded success was made from, for the client's next request of its URL.</summary>
    private static async Task RememberSourceAsync(
        SqliteConnection connection, SqliteTransaction transaction, ImageResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded || result.Source is not { } source || result.Outcome.OutputKey is null)
        {
            return;
        }
        var outcome = result.Outcome with { Reuse = null };
        var columns = SqliteImageOutcome.Columns;
        await Execute(connection, transaction, cancellationToken, $"""
            INSERT INTO source_versions (client_key, source_url, etag, last_modified, content_hash, fingerprint, updated_at, {VersionOutcomeColumns})
            SELECT coalesce(r.client_id, $no_client), i.source_url, $etag, $modified, $hash, $fingerprint, $at, {string.Join(", ", columns.Select(c => "$" + c))}
            FROM images i JOIN requests r ON r.id = i.request_id
            WHERE i.id = $id
            ON CONFLICT (client_key, source_url) DO UPDATE SET
                etag = excluded.etag, last_modified = excluded.last_modified, content_hash = excluded.content_hash,
                fingerprint = excluded.fingerprint, updated_at = excluded.updated_at,
                {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}
            """,
            [
                .. SqliteImageOutcome.Parameters(outcome),
                ("$etag", DbValue(source.ETag)), ("$modified", DbValue(source.LastModified)), ("$hash", source.ContentHash),
                ("$fingerprint", source.Fingerprint), ("$at", StoredTime.ToMillis(result.CompletedAt)), ("$id", Text(result.ImageId)),
                ("$no_client", SourceVersionClient.NoClient),
            ]);
    }
}
