using System.Net;
using ImagePipeline.ServiceDefaults.Messaging;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>Which failures the bus waits out (minutes of retries) and which are poison (a few retries, then <c>_error</c>).</summary>
public sealed class TransientFailuresTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new SqliteException("database is locked", 5),
        new SqliteException("database table is locked", 6),
        // extended codes carry the primary one in the low byte: SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_FSYNC, SQLITE_CANTOPEN_ISDIR
        new SqliteException("busy snapshot", 517),
        new SqliteException("disk I/O error", 1034),
        new SqliteException("unable to open database file", 14),
        new SqliteException("attempt to write a readonly database", 8),
        new SqliteException("database or disk is full", 13),
        // the MongoDB driver's server selection timeout
        new TimeoutException("A timeout occurred after 30000ms selecting a server"),
        new HttpRequestException("Service Unavailable", null, HttpStatusCode.ServiceUnavailable),
        new HttpRequestException("Connection refused"),
        new IOException("No space left on device"),
        new UnauthorizedAccessException("Access to the path is denied."),
        new InvalidOperationException("wrapped", new SqliteException("database is locked", 5)),
        new AggregateException(new ArgumentException("one"), new SqliteException("database is locked", 5)),
    ];

    public static TheoryData<Exception> Poison() =>
    [
        new SqliteException("UNIQUE constraint failed", 19),
        new SqliteException("no such table: images", 1),
        new SqliteException("file is not a database", 26),
        new HttpRequestException("Not Found", null, HttpStatusCode.NotFound),
        new FileNotFoundException("uploads/x.csv"),
        new InvalidOperationException("a bug"),
        new FormatException("bad message"),
        new AggregateException(new ArgumentException("one"), new FormatException("two")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void Storage_and_dependency_outages_are_transient(Exception failure) => Assert.True(TransientFailures.IsTransient(failure));

    [Theory]
    [MemberData(nameof(Poison))]
    public void Failures_about_the_message_or_the_code_are_not(Exception failure) => Assert.False(TransientFailures.IsTransient(failure));
}
