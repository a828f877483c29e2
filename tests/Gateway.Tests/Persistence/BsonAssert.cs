using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>BSON equality that also holds BSON types: documents are compared as canonical extended JSON.</summary>
internal static class BsonAssert
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };

    /// <summary>
    /// Fails unless <paramref name="actual"/> is <paramref name="expectedJson"/> (shell syntax: UUID(), ISODate(),
    /// NumberLong()) element for element, in order, with the same BSON types.
    /// </summary>
    public static void Equal(string expectedJson, BsonValue actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(BsonDocument.Parse(expectedJson).ToJson(Canonical), actual.ToJson(Canonical));
    }
}
