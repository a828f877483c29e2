using MongoDB.Driver;

namespace ImagePipeline.Export.Persistence;

/// <summary>The queries the MongoDB export store sends, built in one place so tests can render them without a server.</summary>
internal static class MongoExportDefinitions
{
    public const string CollectionName = "exports";

    private static readonly FilterDefinitionBuilder<MongoExportDocument> Filter = Builders<MongoExportDocument>.Filter;

    public static FilterDefinition<MongoExportDocument> ByRequest(Guid requestId) => Filter.Eq(export => export.RequestId, requestId);

    /// <summary>The request's export, only while it is of an attempt before <paramref name="attempt"/>: the one a retry replaces.</summary>
    public static FilterDefinition<MongoExportDocument> EarlierAttempt(Guid requestId, int attempt) =>
        Filter.Eq(export => export.RequestId, requestId) & Filter.Lt(export => export.Attempt, attempt);
}
