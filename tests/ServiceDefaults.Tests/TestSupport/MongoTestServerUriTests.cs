using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Tests.TestSupport;

/// <summary>
/// The fresh database the MongoDB tests get must not move the configured user's authentication database
/// (<c>IMAGEPIPELINE_TEST_MONGODB</c> may name a user kept in a database of its own). No server is needed.
/// </summary>
public sealed class MongoTestServerUriTests
{
    [Theory]
    // authSource given: kept as given
    [InlineData("mongodb://ci:pw@db.test:27017/?authSource=tests", "tests")]
    [InlineData("mongodb://ci:pw@db.test:27017/shop?authSource=admin", "admin")]
    // none given: the database the URI names, as the connection-string rules say
    [InlineData("mongodb://ci:pw@db.test:27017/shop", "shop")]
    // no database either (a container's URI): admin
    [InlineData("mongodb://mongo:mongo@db.test:27017", "admin")]
    [InlineData("mongodb://mongo:mongo@db.test:27017/", "admin")]
    // an external mechanism: $external, never admin
    [InlineData("mongodb://CN%3Dci@db.test:27017/?authMechanism=MONGODB-X509&tls=true", "$external")]
    public void The_user_authenticates_where_the_uri_says_in_the_fresh_database(string configured, string expectedSource)
    {
        var fresh = MongoUrl.Create(MongoTestServer.ForDatabase(configured, "ingest_fresh"));

        Assert.Equal("ingest_fresh", fresh.DatabaseName);
        Assert.Equal(expectedSource, MongoClientSettings.FromUrl(fresh).Credential.Source);
        Assert.Equal(MongoUrl.Create(configured).Username, fresh.Username);
    }

    [Fact]
    public void A_uri_without_a_user_gets_no_auth_source()
    {
        var fresh = MongoUrl.Create(MongoTestServer.ForDatabase("mongodb://db.test:27017/shop?replicaSet=rs0", "export_fresh"));

        Assert.Equal(("export_fresh", null, null, "rs0"), (fresh.DatabaseName, fresh.AuthenticationSource, fresh.Username, fresh.ReplicaSetName));
    }
}
