using System.Globalization;
using ImagePipeline.Contracts;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The compare-and-set steps <see cref="Lifecycle.RequestLifecycle"/> is made of, each one statement.</summary>
public sealed partial class SqliteIngestStore
{
    public async Task<int> TryRecordResultAsync(ImageResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = string.Join(", ", SqliteImageOutcome.Columns.Select(c => $"{c} = ${c}"));
        (string, object)[] common =
        [
            ("$status", result.Succeeded ? ImageStatuses.Succeeded : ImageStatuses.Failed), ("$at", StoredTime.ToMillis(result.CompletedAt)),
            ("$id", Text(result.ImageId)), ("$request", Text(result.RequestId)), ("$pending", ImageStatuses.Pending),
        ];
        return await database.WriteAsync(async (connection, transaction) =>
        {
            // the image's own output (or failure) now says which output it uses; the key it was offered no longer does
            var recorded = await Execute(connection, transaction, cancellationToken, $"""
                UPDATE images SET status = $status, {outcome}, completed_at = $at, reuse_key = NULL
                WHERE id = $id AND request_id = $request AND status = $pending
                """, [.. SqliteImageOutcome.Parameters(result.Outcome), .. common]);
            if (recorded == 0)
            {
                return 0;
            }
            await RememberSourceAsync(connection, transaction, result, cancellationToken);
            // the slots of the same URL that waited on this one get its result, marked as served by it
            var served = await Execute(connection, transaction, cancellationToken, $"""
                UPDATE images SET status = $status, {outcome}, completed_at = $at
                WHERE leader_id = $id AND request_id = $request AND status = $pending
                """, [.. SqliteImageOutcome.Parameters(result.Outcome with { Reuse = ImageReuse.SameRequest }), .. common]);
            return recorded + served;
        }, cancellationToken);
    }

    public async Task<RequestRecord?> CountResultAsync(Guid requestId, bool succeeded, int slots, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using (var count = Command(connection, transaction, $"""
                UPDATE requests SET images_succeeded = images_succeeded + $s, images_failed = images_failed + $f, updated_at = max(updated_at, $at)
                WHERE id = $id AND status = $processing
                RETURNING {RequestColumns}
                """,
                ("$s", succeeded ? slots : 0), ("$f", succeeded ? 0 : slots), ("$at", StoredTime.ToMillis(at)), ("$id", Text(requestId)), ("$processing", RequestStatuses.Processing)))
            await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    return ReadRequest(reader);
                }
            }
            return await ReadRequestAsync(connection, transaction, requestId, cancellationToken);
        }, cancellationToken);
    }

    public async Task<bool> HasPendingImagesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT 1 FROM images WHERE request_id = $id AND status = $pending LIMIT 1",
            ("$id", Text(requestId)), ("$pending", ImageStatuses.Pending));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<ResultCounts> CountResultsAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT
                (SELECT COUNT(*) FROM images WHERE request_id = $id AND status = $succeeded),
                (SELECT COUNT(*) FROM images WHERE request_id = $id AND status = $failed)
            """,
            ("$id", Text(requestId)), ("$succeeded", ImageStatuses.Succeeded), ("$failed", ImageStatuses.Failed));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ResultCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<RequestRecord?> TryMoveAsync(RequestMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        var (assignments, parameters) = MoveAssignments(move);
        parameters.AddRange([("$id", Text(move.RequestId)), ("$from", move.From)]);
        var attempt = "";
        if (move.Attempt is { } expected)
        {
            attempt = " AND attempt = $expectedAttempt";
            parameters.Add(("$expectedAttempt", expected));
        }
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, $"""
                UPDATE requests SET {string.Join(", ", assignments)}
                WHERE id = $id AND status = $from{attempt}
                RETURNING {RequestColumns}
                """, [.. parameters]);
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadRequest(reader) : null;
        }, cancellationToken);
    }

    public async Task CancelPendingImagesAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) => await Execute(connection, transaction, cancellationToken, """
            UPDATE images SET status = $cancelled, reason_code = $code, reason = $reason, completed_at = $at
            WHERE request_id = $id AND status = $pending
            """,
            ("$cancelled", ImageStatuses.Cancelled), ("$code", CancelledImage.ReasonCode), ("$reason", CancelledImage.Reason),
            ("$at", StoredTime.ToMillis(at)), ("$id", Text(requestId)), ("$pending", ImageStatuses.Pending)), cancellationToken);
    }

    public async Task<int> CountFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken)
    {
        var (filter, parameters) = FailedImagesFilter(requestId, reasonCodes);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT COUNT(*) FROM images WHERE {filter}", [.. parameters]);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<int> ReopenFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken)
    {
        var (filter, parameters) = FailedImagesFilter(requestId, reasonCodes);
        parameters.Add(("$pending", ImageStatuses.Pending));
        return await database.WriteAsync(async (connection, transaction) => await Execute(connection, transaction, cancellationToken, $"""
            UPDATE images SET status = $pending, lease_until = NULL, {string.Join(", ", SqliteImageOutcome.Columns.Select(c => $"{c} = NULL"))}, completed_at = NULL
            WHERE {filter}
            """, [.. parameters]), cancellationToken);
    }

    private static (List<string> Assignments, List<(string, object)> Parameters) MoveAssignments(RequestMove move)
    {
        var assignments = new List<string> { "status = $to", "updated_at = max(updated_at, $at)" };
        var parameters = new List<(string, object)> { ("$to", move.To), ("$at", StoredTime.ToMillis(move.At)) };
        void Set(string column, object value)
        {
            assignments.Add($"{column} = ${column}");
            parameters.Add(($"${column}", value));
        }
        void ClearUnlessGiven(string column, object? given)
        {
            if (given is null)
            {
                assignments.Add($"{column} = NULL");
            }
        }
        if (move.Counts is { } counts)
        {
            Set("images_succeeded", counts.Succeeded);
            Set("images_failed", counts.Failed);
        }
        if (move.LeaseUntil is { } lease)
        {
            Set("lease_until", StoredTime.ToMillis(lease));
        }
        if (move.CancelledAt is { } cancelledAt)
        {
            Set("cancelled_at", StoredTime.ToMillis(cancelledAt));
        }
        if (move.CompletedAt is { } completedAt)
        {
            Set("completed_at", StoredTime.ToMillis(completedAt));
        }
        if (move.OutputCsvKey is { } key)
        {
            Set("output_csv_key", key);
        }
        if (move.OutputCsvUrl is { } url)
        {
            Set("output_csv_url", url);
        }
        if (move.NewAttempt)
        {
            assignments.Add("attempt = attempt + 1");
            Set("retry_key", DbValue(move.RetryKey));
            assignments.Add("completion_recorded_at = NULL");
            // what the move carries wins over the clearing (SQLite keeps the last of two assignments, MongoDB refuses
            // both in one update), so only the fields the move does not set are cleared
            ClearUnlessGiven("completed_at", move.CompletedAt);
            ClearUnlessGiven("output_csv_key", move.OutputCsvKey);
            ClearUnlessGiven("output_csv_url", move.OutputCsvUrl);
            ClearUnlessGiven("lease_until", move.LeaseUntil);
        }
        if (move.TakesEventSequence)
        {
            assignments.Add("event_sequence = event_sequence + 1");
        }
        return (assignments, parameters);
    }

    private static (string Filter, List<(string, object)> Parameters) FailedImagesFilter(Guid requestId, IReadOnlyCollection<string>? reasonCodes)
    {
        var codes = reasonCodes?.ToArray() ?? [];
        var parameters = new List<(string, object)> { ("$id", Text(requestId)), ("$failed", ImageStatuses.Failed) };
        parameters.AddRange(codes.Select((code, i) => ($"$code{i}", (object)code)));
        var codeFilter = codes.Length == 0 ? "" : $" AND reason_code IN ({string.Join(", ", codes.Select((_, i) => $"$code{i}"))})";
        return ($"request_id = $id AND status = $failed{codeFilter}", parameters);
    }
}
