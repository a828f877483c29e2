using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>Renders driver definitions to the BSON the server would receive, with the registered serializers.</summary>
internal static class BsonRendering
{
    public static BsonDocument Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>());

    public static BsonValue Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>());

    public static BsonDocument Render<T>(IndexKeysDefinition<T> keys) => keys.Render(Args<T>());

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
