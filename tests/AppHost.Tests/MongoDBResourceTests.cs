using System.Net.Sockets;
using ImagePipeline.AppHost.Mongo;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.AppHost.Tests;

/// <summary>The MongoDB hosting equivalent, checked the way Aspire checks its own package: a model, a fake endpoint, no container.</summary>
public sealed class MongoDBResourceTests
{
    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public void Server_is_the_mongo_image_with_a_tcp_endpoint_to_27017()
    {
        var builder = DistributedApplication.CreateBuilder();

        var server = builder.AddMongoDB("mongo").Resource;

        var endpoint = Assert.Single(server.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal("tcp", endpoint.Name);
        Assert.Equal(27017, endpoint.TargetPort);
        Assert.Null(endpoint.Port);
        Assert.Equal(ProtocolType.Tcp, endpoint.Protocol);
        Assert.Equal("tcp", endpoint.UriScheme);
        var image = Assert.Single(server.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("docker.io", "library/mongo", "8.0"), (image.Registry, image.Image, image.Tag));
        Assert.Equal(MongoDBContainerImageTags.Tag, image.Tag);
    }

    [Fact]
    public void A_host_port_can_be_fixed()
    {
        var builder = DistributedApplication.CreateBuilder();

        var server = builder.AddMongoDB("mongo", port: 27999).Resource;

        Assert.Equal(27999, Assert.Single(server.Annotations.OfType<EndpointAnnotation>()).Port);
    }

    [Fact]
    public async Task Connection_strings_have_the_form_of_aspires_package()
    {
        var builder = DistributedApplication.CreateBuilder();
        var password = builder.AddParameter("mongo-password", "s3cret", secret: true);
        var mongo = builder.AddMongoDB("mongo", password: password);
        var ingest = mongo.AddDatabase("ingestdb");
        var files = mongo.AddDatabase("files", "filesdb");
        FakeEndpoints.Allocate(mongo.Resource, "localhost", 27017);

        Assert.Equal(
            "mongodb://admin:s3cret@localhost:27017?authSource=admin&authMechanism=SCRAM-SHA-256",
            await mongo.Resource.ConnectionStringExpression.GetValueAsync(Token));
        Assert.Equal(
            "mongodb://admin:s3cret@localhost:27017/ingestdb?authSource=admin&authMechanism=SCRAM-SHA-256",
            await ingest.Resource.ConnectionStringExpression.GetValueAsync(Token));
        Assert.Equal(
            "mongodb://admin:s3cret@localhost:27017/filesdb?authSource=admin&authMechanism=SCRAM-SHA-256",
            await files.Resource.ConnectionStringExpression.GetValueAsync(Token));
        Assert.Equal(
            "mongodb://admin:{mongo-password.value}@{mongo.bindings.tcp.host}:{mongo.bindings.tcp.port}/ingestdb?authSource=admin&authMechanism=SCRAM-SHA-256",
            ingest.Resource.ConnectionStringExpression.ValueExpression);
    }

    [Fact]
    public async Task The_driver_reads_the_connection_string_as_meant()
    {
        var builder = DistributedApplication.CreateBuilder();
        var password = builder.AddParameter("mongo-password", "s3cret", secret: true);
        var mongo = builder.AddMongoDB("mongo", password: password);
        var ingest = mongo.AddDatabase("ingestdb");
        FakeEndpoints.Allocate(mongo.Resource, "localhost", 27017);

        var url = MongoUrl.Create(await ingest.Resource.ConnectionStringExpression.GetValueAsync(Token));

        Assert.Equal(("localhost", 27017), (url.Server.Host, url.Server.Port));
        Assert.Equal("ingestdb", url.DatabaseName);
        Assert.Equal(("admin", "s3cret"), (url.Username, url.Password));
        Assert.Equal(("admin", "SCRAM-SHA-256"), (url.AuthenticationSource, url.AuthenticationMechanism));
    }

    [Fact]
    public async Task User_and_password_are_escaped_in_the_uri()
    {
        var builder = DistributedApplication.CreateBuilder();
        var user = builder.AddParameter("mongo-user", "ops@team");
        var password = builder.AddParameter("mongo-password", "p@ss:w/rd", secret: true);
        var mongo = builder.AddMongoDB("mongo", userName: user, password: password);
        FakeEndpoints.Allocate(mongo.Resource, "localhost", 27017);

        var connectionString = await mongo.Resource.ConnectionStringExpression.GetValueAsync(Token);

        Assert.Equal("mongodb://ops%40team:p%40ss%3Aw%2Frd@localhost:27017?authSource=admin&authMechanism=SCRAM-SHA-256", connectionString);
        var url = MongoUrl.Create(connectionString);
        Assert.Equal(("ops@team", "p@ss:w/rd"), (url.Username, url.Password));
    }

    [Fact]
    public async Task Without_a_password_one_is_generated_and_given_to_the_container()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");
        FakeEndpoints.Allocate(mongo.Resource, "localhost", 27017);

        var password = await mongo.Resource.PasswordParameter!.GetValueAsync(Token);
        var environment = await ResolvedEnvironment.OfAsync(mongo.Resource, builder.ExecutionContext);

        Assert.Equal("mongo-password", mongo.Resource.PasswordParameter.Name);
        Assert.True(mongo.Resource.PasswordParameter.Secret);
        Assert.Matches("^[A-Za-z0-9]{16,}$", password);
        Assert.Equal("admin", environment["MONGO_INITDB_ROOT_USERNAME"]);
        Assert.Equal(password, environment["MONGO_INITDB_ROOT_PASSWORD"]);
        Assert.Equal(
            $"mongodb://admin:{password}@localhost:27017?authSource=admin&authMechanism=SCRAM-SHA-256",
            await mongo.Resource.ConnectionStringExpression.GetValueAsync(Token));
    }

    [Fact]
    public void Databases_are_children_of_the_server_and_listed_on_it()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");

        var ingest = mongo.AddDatabase("ingestdb");
        var files = mongo.AddDatabase("files", "filesdb");

        Assert.Same(mongo.Resource, ingest.Resource.Parent);
        Assert.Equal("ingestdb", ingest.Resource.DatabaseName);
        Assert.Equal("filesdb", files.Resource.DatabaseName);
        Assert.Equal(new Dictionary<string, string> { ["ingestdb"] = "ingestdb", ["files"] = "filesdb" }, mongo.Resource.Databases);
    }

    [Fact]
    public void A_database_name_is_used_once()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");
        mongo.AddDatabase("ingestdb");

        Assert.Throws<DistributedApplicationException>(() => mongo.AddDatabase("ingestdb"));
    }

    [Fact]
    public void Server_and_each_database_carry_a_registered_ping_health_check()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");
        var ingest = mongo.AddDatabase("ingestdb");
        var files = mongo.AddDatabase("files", "filesdb");
        using var app = builder.Build();

        Assert.Equal("mongo_check", Assert.Single(mongo.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key);
        Assert.Equal("ingestdb_check", Assert.Single(ingest.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key);
        Assert.Equal("files_check", Assert.Single(files.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key);
        var registered = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        Assert.Subset(registered.ToHashSet(), new HashSet<string> { "mongo_check", "ingestdb_check", "files_check" });
    }

    [Fact]
    public async Task Health_check_pings_the_endpoint_published_with_the_connection_string()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");
        var ingest = mongo.AddDatabase("ingestdb");
        // nothing listens there: the ping must fail, but only after trying that address
        FakeEndpoints.Allocate(mongo.Resource, "127.0.0.1", Infrastructure.FreePort.Next());
        using var app = builder.Build();
        var health = app.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync(r => r.Name == "ingestdb_check", Token);
        await builder.Eventing.PublishAsync(new ConnectionStringAvailableEvent(ingest.Resource, app.Services), Token);
        var after = await health.CheckHealthAsync(r => r.Name == "ingestdb_check", Token);

        var notYet = before.Entries["ingestdb_check"];
        Assert.Equal(HealthStatus.Unhealthy, notYet.Status);
        Assert.Contains("not available yet", notYet.Description, StringComparison.Ordinal);
        var unanswered = after.Entries["ingestdb_check"];
        Assert.Equal(HealthStatus.Unhealthy, unanswered.Status);
        Assert.Equal("MongoDB did not answer ping on 'ingestdb'.", unanswered.Description);
        Assert.NotNull(unanswered.Exception);
        Assert.True(unanswered.Duration < MongoDBPingHealthCheck.PingTimeout + TimeSpan.FromSeconds(5), $"took {unanswered.Duration}");
    }

    [Fact]
    public async Task A_server_refusing_the_password_is_told_apart_with_the_volume_to_keep_or_remove_and_the_secret_to_restore()
    {
        await using var refusing = RefusingServer();
        var builder = DistributedApplication.CreateBuilder();
        // a password generated again after the user secrets were lost, against a volume initialised with the first one
        var password = builder.AddParameter("mongo-password", "generated-again", secret: true);
        var mongo = builder.AddMongoDB("mongo", password: password).WithDataVolume("pipeline-mongo-data");
        var ingest = mongo.AddDatabase("ingestdb");
        FakeEndpoints.Allocate(mongo.Resource, "127.0.0.1", refusing.Port);
        using var app = builder.Build();
        var health = app.Services.GetRequiredService<HealthCheckService>();

        await builder.Eventing.PublishAsync(new ConnectionStringAvailableEvent(mongo.Resource, app.Services), Token);
        await builder.Eventing.PublishAsync(new ConnectionStringAvailableEvent(ingest.Resource, app.Services), Token);
        var report = await health.CheckHealthAsync(r => r.Name is "mongo_check" or "ingestdb_check", Token);

        Assert.Contains(refusing.Commands, c => MongoWireStub.NameOf(c) == "saslStart");
        foreach (var name in new[] { "mongo_check", "ingestdb_check" })
        {
            var entry = report.Entries[name];
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.True(MongoDBPingHealthCheck.IsCredentialsRejected(entry.Exception), $"{name}: {entry.Exception}");
            Assert.Contains("MONGO_INITDB_ROOT_USERNAME/PASSWORD only to an empty volume", entry.Description, StringComparison.Ordinal);
            Assert.Contains("dotnet user-secrets set Parameters:mongo-password", entry.Description, StringComparison.Ordinal);
            Assert.Contains("docker volume rm pipeline-mongo-data", entry.Description, StringComparison.Ordinal);
            Assert.DoesNotContain("generated-again", entry.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_password_is_reported_once_per_connection_string_and_every_check_still_says_it()
    {
        await using var refusing = RefusingServer();
        var check = new MongoDBPingHealthCheck("admin", () => "explained");
        var reports = new List<string>();
        check.UseConnectionString($"mongodb://admin:pw@127.0.0.1:{refusing.Port}/?authSource=admin&authMechanism=SCRAM-SHA-256", reports.Add);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("mongo_check", check, HealthStatus.Unhealthy, null) };

        var first = await check.CheckHealthAsync(context, Token);
        var second = await check.CheckHealthAsync(context, Token);

        Assert.Equal(("explained", "explained"), (first.Description, second.Description));
        Assert.Equal(["explained"], reports);
    }

    [Fact]
    public void Without_a_data_volume_the_explanation_names_only_the_password()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mongo = builder.AddMongoDB("mongo");

        var explanation = MongoDBCredentialsRejected.Describe(mongo.Resource);

        Assert.Null(MongoDBCredentialsRejected.DataVolumeOf(mongo.Resource));
        Assert.Contains("Parameters:mongo-password", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("docker volume rm", explanation, StringComparison.Ordinal);
    }

    /// <summary>A server whose root user has another password: it answers the handshake and refuses every authentication.</summary>
    private static MongoWireStub RefusingServer() =>
        new(command => MongoWireStub.NameOf(command) is "saslStart" or "saslContinue" ? MongoWireStub.AuthenticationFailed : null);

    [Fact]
    public void Data_volume_holds_the_data_directory()
    {
        var builder = DistributedApplication.CreateBuilder();

        var named = builder.AddMongoDB("mongo").WithDataVolume("pipeline-mongo").Resource;
        var generated = builder.AddMongoDB("other").WithDataVolume().Resource;

        var mount = Assert.Single(named.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(("pipeline-mongo", "/data/db", ContainerMountType.Volume, false), (mount.Source, mount.Target, mount.Type, mount.IsReadOnly));
        var generatedMount = Assert.Single(generated.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.Volume, generatedMount.Type);
        Assert.Equal("/data/db", generatedMount.Target);
        Assert.EndsWith("-other-data", generatedMount.Source, StringComparison.Ordinal);
    }
}
