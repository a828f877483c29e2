using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// What starting a service's store registration makes: a host with only that registration, on a given connection
/// string, and readers of what its database holds afterwards (SQLite tables and indexes, MongoDB index names).
/// </summary>
public static class StoreSchemaProbe
{
    /// <summary>A host whose only registrations are <paramref name="addStore"/>'s, with <c>ConnectionStrings:<paramref name="connectionName"/></c> set.</summary>
    public static IHost Build(string connectionName, string connectionString, Action<IHostApplicationBuilder> addStore)
    {
        ArgumentNullException.ThrowIfNull(addStore);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{connectionName}"] = connectionString,
        });
        addStore(builder);
        return builder.Build();
    }

    /// <summary>The names of the SQLite file's objects of <paramref name="type"/> (<c>table</c>, <c>index</c>), SQLite's own left out, in order.</summary>
    public static List<string> SqliteNames(string file, string type)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_master WHERE type = $type AND name NOT LIKE 'sqlite_%' ORDER BY name";
        query.Parameters.AddWithValue("$type", type);
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>The index names a collection has once <paramref name="indexes"/> are made: theirs and <c>_id_</c>, in order.</summary>
    public static string[] ExpectedIndexNames<T>(IEnumerable<CreateIndexModel<T>> indexes) =>
        [.. indexes.Select(index => index.Options.Name).Append("_id_").Order(StringComparer.Ordinal)];

    /// <summary>The index names <paramref name="collection"/> has, in order.</summary>
    public static async Task<string[]> IndexNamesAsync(IMongoDatabase database, string collection)
    {
        ArgumentNullException.ThrowIfNull(database);
        var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
        return [.. indexes.Select(index => index["name"].AsString).Order(StringComparer.Ordinal)];
    }
}
