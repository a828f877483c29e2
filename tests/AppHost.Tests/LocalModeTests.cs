using ImagePipeline.AppHost.LocalRabbitMQ;

namespace ImagePipeline.AppHost.Tests;

/// <summary>No container runtime: a private RabbitMQ node from the OS package, SQLite files and a directory.</summary>
public sealed class LocalModeTests : IDisposable
{
    // local mode only checks that the server script exists, and nothing here starts it
    private readonly string _fakeServer = Path.GetTempFileName();

    [Fact]
    public async Task Runs_the_private_rabbitmq_node_and_no_container()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "Infrastructure:RabbitMQ:Port=45672");
        model.AllocateEndpoints();

        var broker = Assert.IsType<LocalRabbitMQServerResource>(model["messaging"]);

        Assert.Equal(_fakeServer, broker.Command);
        Assert.Equal("amqp://guest:guest@127.0.0.1:45672", await broker.ConnectionStringExpression.GetValueAsync(CancellationToken.None));
        Assert.Empty(model.Builder.Resources.OfType<ContainerResource>());
    }

    [Fact]
    public async Task The_node_waits_for_its_own_epmd_which_runs_in_the_foreground_on_the_nodes_port()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}");
        model.AllocateEndpoints();

        var epmd = Assert.IsType<ExecutableResource>(model["messaging-epmd"]);
        // the replacement (ExecutionConfigurationBuilder) needs a running app; the arguments are all this test reads
#pragma warning disable CS0618
        var arguments = await epmd.GetArgumentValuesAsync();
#pragma warning restore CS0618
        var environment = await model.EnvironmentOfAsync("messaging");

        Assert.Equal("epmd", epmd.Command);
        // no -daemon: a daemon would outlive the AppHost
        Assert.Equal(["-port", environment["ERL_EPMD_PORT"], "-address", "127.0.0.1"], arguments);
        Assert.Contains(model["messaging"].Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == epmd);
        // waited for until it listens, not merely until its process started
        Assert.Contains(epmd.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key == "messaging-epmd-listening");
        // neither the node nor a rabbitmqctl run with its environment ever starts an epmd daemon of its own
        Assert.Equal(LocalRabbitMQBuilderExtensions.NoEpmdDaemon, environment[LocalRabbitMQBuilderExtensions.ErlangFlagsVariable]);
    }

    [Fact]
    public async Task Services_declare_quorum_queues_on_a_new_node()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}");
        model.AllocateEndpoints();

        Assert.True(Assert.IsType<LocalRabbitMQServerResource>(model["messaging"]).QuorumQueues);
        foreach (var service in new[] { "gateway", "ingest", "imageworker", "export", "notifier" })
        {
            Assert.False((await model.EnvironmentOfAsync(service)).ContainsKey("Messaging__QuorumQueues"), service);
        }
    }

    [Fact]
    public async Task Services_keep_classic_queues_on_a_node_whose_queues_an_earlier_version_declared()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-classic-{Guid.NewGuid():N}");
        var root = Path.Combine(dataDirectory, "rabbitmq");
        Directory.CreateDirectory(Path.Combine(root, "mnesia", LocalNodeIdentity.DefaultNodeName));
        File.WriteAllText(Path.Combine(root, LocalNodeIdentity.FileName),
            $$"""{ "NodeName": "{{LocalNodeIdentity.DefaultNodeName}}", "AmqpPort": 0, "DistributionPort": 0, "EpmdPort": 0 }""");
        try
        {
            await using var model = await AppHostModel.CreateAsync(
                "local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", $"Infrastructure:DataDirectory={dataDirectory}");
            model.AllocateEndpoints();

            Assert.False(Assert.IsType<LocalRabbitMQServerResource>(model["messaging"]).QuorumQueues);
            foreach (var service in new[] { "gateway", "ingest", "imageworker", "export", "notifier" })
            {
                Assert.Equal("false", (await model.EnvironmentOfAsync(service))["Messaging__QuorumQueues"]);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task The_node_runs_as_saved_in_node_json_on_the_same_database_directory_every_time()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("messaging");
        var root = Path.Combine(model.DataDirectory, "rabbitmq");
        var saved = LocalNodeIdentity.Load(Path.Combine(root, LocalNodeIdentity.FileName));

        Assert.NotNull(saved);
        Assert.Equal(saved.NodeName, environment["RABBITMQ_NODENAME"]);
        Assert.Equal(saved.AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["RABBITMQ_NODE_PORT"]);
        Assert.Equal(saved.DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["RABBITMQ_DIST_PORT"]);
        Assert.Equal(saved.EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ERL_EPMD_PORT"]);
        Assert.Equal(Path.Combine(root, "mnesia"), environment["RABBITMQ_MNESIA_BASE"]);
        Assert.Equal(Path.Combine(root, "mnesia", saved.NodeName + ".pid"), environment["RABBITMQ_PID_FILE"]);
    }

    [Theory]
    [InlineData("gateway", "gatewaydb")]
    [InlineData("ingest", "ingestdb")]
    [InlineData("export", "exportdb")]
    [InlineData("notifier", "notifierdb")]
    public async Task Each_service_gets_a_sqlite_file_under_the_data_directory(string service, string database)
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync(service);

        Assert.Equal($"Data Source={Path.Combine(model.DataDirectory, "db", database + ".sqlite")}", environment[$"ConnectionStrings__{database}"]);
    }

    [Fact]
    public async Task Files_live_in_a_directory_under_the_data_directory()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("imageworker");

        Assert.Equal(new Uri(Path.Combine(model.DataDirectory, "files") + "/").AbsoluteUri, environment["ConnectionStrings__files"]);
        Assert.StartsWith("file:///", environment["ConnectionStrings__files"], StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(model.DataDirectory, "files")));
    }

    [Fact]
    public async Task A_given_connection_string_replaces_the_local_database_and_files()
    {
        await using var model = await AppHostModel.CreateAsync(
            "local",
            $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}",
            "ConnectionStrings:notifierdb=mongodb://mongo.example.net/notifier",
            "ConnectionStrings:files=file:///srv/pipeline-files/");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("notifier");

        Assert.Equal("mongodb://mongo.example.net/notifier", environment["ConnectionStrings__notifierdb"]);
        Assert.Equal("file:///srv/pipeline-files/", environment["ConnectionStrings__files"]);
        Assert.False(Directory.Exists(Path.Combine(model.DataDirectory, "files")));
    }

    [Fact]
    public async Task Without_the_rabbitmq_server_it_says_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-rabbitmq-{Guid.NewGuid():N}", "rabbitmq-server");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={missing}"));

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("apt-get install -y rabbitmq-server", messages, StringComparison.Ordinal);
        Assert.Contains(missing, messages, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_fakeServer);

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }
}
