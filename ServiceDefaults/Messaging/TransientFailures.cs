using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// Tells a failure that goes away by itself (a database that is locked, unreachable or not answering, a dependency
/// that is down) from one that is in the message (poison). A consumer that hits a transient failure is retried for
/// minutes (<see cref="MessagingOptions.TransientRetryLimit"/>) instead of moving its message to <c>_error</c> after a
/// few seconds; anything else keeps the short retry and reaches <c>_error</c> as before.
/// </summary>
public static class TransientFailures
{
    // SQLite's primary result codes that name the file's state, not the statement: busy, locked, I/O error, disk full,
    // cannot open, lock protocol, read-only, permission
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteProtocol = 15;
    private const int SqlitePermission = 3;

    /// <summary>Whether <paramref name="exception"/>, or any exception inside it, is transient.</summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current))
            {
                return true;
            }
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError
            or SqliteFull or SqliteCantOpen or SqliteProtocol or SqlitePermission,
        // a server that does not answer, a failover in progress, a write the driver itself calls retryable
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException => true,
        MongoException mongo when mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError") => true,
        TimeoutException => true,
        // a service this consumer calls (e.g. export asking ingest for rows) that is down or failing; a 4xx is an answer
        HttpRequestException http => http.StatusCode is null || (int)http.StatusCode >= 500,
        SocketException => true,
        // a file that is there but cannot be reached now (a full disk, a lost mount, a permission taken away); a file
        // that is not there at all is a fact about the message
        FileNotFoundException => false,
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };
}
