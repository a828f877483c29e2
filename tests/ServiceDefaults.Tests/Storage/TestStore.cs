using ImagePipeline.Storage;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>A store that is nothing but its SQLite database, for registering through AddStore.</summary>
public class TestStore(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;
}
