using ImagePipeline.AppHost.Mongo;

namespace ImagePipeline.AppHost.Tests;

/// <summary>The production shape: RabbitMQ and MongoDB containers, one database per service, GridFS for files.</summary>
public sealed class ContainersModeTests
{
    private static readonly string[] Services = ["gateway", "ingest", "imageworker", "export", "notifier"];

    public static TheoryData<string, string> ServiceDatabases => new()
    {
        { "gateway", "gatewaydb" },
        { "ingest", "ingestdb" },
        { "export", "exportdb" },
        { "notifier", "notifierdb" },
    };

    private static string MongoUrlFor(string database) =>
        $"mongodb://admin:{AppHostModel.MongoPassword}@localhost:27017/{database}?authSource=admin&authMechanism=SCRAM-SHA-256";

    [Fact]
    public async Task Runs_one_mongodb_container_with_a_data_volume_and_the_rabbitmq_container()
    {
        await using var model = await AppHostModel.CreateAsync("containers");

        var mongo = Assert.Single(model.Builder.Resources.OfType<MongoDBServerResource>());
        Assert.Equal("mongo", mongo.Name);
        var image = Assert.Single(mongo.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("docker.io", "library/mongo", "8.0"), (image.Registry, image.Image, image.Tag));
        var volume = Assert.Single(mongo.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal((ContainerMountType.Volume, "/data/db"), (volume.Type, volume.Target));
        Assert.Equal("mongo_check", Assert.Single(mongo.Annotations.OfType<HealthCheckAnnotation>()).Key);
        Assert.IsType<RabbitMQServerResource>(model["messaging"]);
    }

    [Fact]
    public async Task Has_a_database_per_stateful_service_and_one_for_files()
    {
        await using var model = await AppHostModel.CreateAsync("containers");

        var databases = model.Builder.Resources.OfType<MongoDBDatabaseResource>()
            .ToDictionary(database => database.Name, database => database.DatabaseName);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["files"] = "filesdb",
                ["gatewaydb"] = "gatewaydb",
                ["ingestdb"] = "ingestdb",
                ["exportdb"] = "exportdb",
                ["notifierdb"] = "notifierdb",
            },
            databases);
        Assert.All(
            model.Builder.Resources.OfType<MongoDBDatabaseResource>(),
            database => Assert.Equal($"{database.Name}_check", Assert.Single(database.Annotations.OfType<HealthCheckAnnotation>()).Key));
    }

    [Theory]
    [MemberData(nameof(ServiceDatabases))]
    public async Task Each_service_gets_its_database_url_and_waits_for_it(string service, string database)
    {
        await using var model = await AppHostModel.CreateAsync("containers");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync(service);

        Assert.Equal(MongoUrlFor(database), environment[$"ConnectionStrings__{database}"]);
        Assert.Contains(WaitsOf(model, service), wait => wait.Resource.Name == database && wait.WaitType == WaitType.WaitUntilHealthy);
    }

    [Fact]
    public async Task Every_service_gets_gridfs_in_filesdb_and_the_bus_and_waits_for_both()
    {
        await using var model = await AppHostModel.CreateAsync("containers");
        model.AllocateEndpoints();

        foreach (var service in Services)
        {
            var environment = await model.EnvironmentOfAsync(service);

            Assert.Equal(MongoUrlFor("filesdb"), environment["ConnectionStrings__files"]);
            Assert.StartsWith("amqp://", environment["ConnectionStrings__messaging"], StringComparison.Ordinal);
            var waits = WaitsOf(model, service).Select(wait => wait.Resource.Name).ToList();
            Assert.Contains("files", waits);
            Assert.Contains("messaging", waits);
        }
    }

    [Fact]
    public async Task The_image_worker_keeps_no_database()
    {
        await using var model = await AppHostModel.CreateAsync("containers");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("imageworker");

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && key.EndsWith("db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_given_connection_string_replaces_the_database_it_names()
    {
        const string managed = "mongodb://app:pw@mongo.example.net:27017/ingest?tls=true";
        await using var model = await AppHostModel.CreateAsync("containers", $"ConnectionStrings:ingestdb={managed}");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("ingest");

        Assert.IsNotType<MongoDBDatabaseResource>(model["ingestdb"]);
        Assert.Equal(managed, environment["ConnectionStrings__ingestdb"]);
        // nothing the AppHost runs, so nothing to wait for
        Assert.DoesNotContain(WaitsOf(model, "ingest"), wait => wait.Resource.Name == "ingestdb");
        Assert.Equal(MongoUrlFor("filesdb"), environment["ConnectionStrings__files"]);
    }

    [Fact]
    public async Task With_every_database_and_files_given_no_mongodb_container_runs()
    {
        await using var model = await AppHostModel.CreateAsync(
            "containers",
            "ConnectionStrings:files=mongodb://mongo.example.net/files",
            "ConnectionStrings:gatewaydb=mongodb://mongo.example.net/gateway",
            "ConnectionStrings:ingestdb=mongodb://mongo.example.net/ingest",
            "ConnectionStrings:exportdb=mongodb://mongo.example.net/export",
            "ConnectionStrings:notifierdb=mongodb://mongo.example.net/notifier",
            "ConnectionStrings:messaging=amqp://app:pw@rabbit.example.net:5672");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("export");

        Assert.Empty(model.Builder.Resources.OfType<ContainerResource>());
        Assert.Equal("mongodb://mongo.example.net/files", environment["ConnectionStrings__files"]);
        Assert.Equal("mongodb://mongo.example.net/export", environment["ConnectionStrings__exportdb"]);
        Assert.Equal("amqp://app:pw@rabbit.example.net:5672", environment["ConnectionStrings__messaging"]);
    }

    private static IEnumerable<WaitAnnotation> WaitsOf(AppHostModel model, string service) =>
        model[service].Annotations.OfType<WaitAnnotation>();
}
