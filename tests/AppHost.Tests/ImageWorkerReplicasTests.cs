namespace ImagePipeline.AppHost.Tests;

/// <summary><c>ImageWorker:Replicas</c>: how many worker processes, where 0 means none at all (an ingest-only system).</summary>
public sealed class ImageWorkerReplicasTests : IDisposable
{
    // local mode only checks that the server script exists, and nothing here starts it
    private readonly string _fakeServer = Path.GetTempFileName();

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    public async Task Replicas_set_the_worker_process_count(string setting, int expected)
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", $"ImageWorker:Replicas={setting}");

        var worker = Assert.IsType<ProjectResource>(model["imageworker"]);

        Assert.Equal(expected, Assert.Single(worker.Annotations.OfType<ReplicaAnnotation>()).Replicas);
    }

    [Fact]
    public async Task Zero_replicas_leave_out_the_worker_and_keep_every_other_service()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "ImageWorker:Replicas=0");
        model.AllocateEndpoints();

        var projects = model.Builder.Resources.OfType<ProjectResource>().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["export", "gateway", "ingest", "notifier"], projects);
        Assert.DoesNotContain(model.Builder.Resources, r => r.Name.StartsWith("imageworker", StringComparison.Ordinal));
        // the rest still gets the broker: ingest publishes ProcessImage for workers that may connect later
        Assert.StartsWith("amqp://", (await model.EnvironmentOfAsync("ingest"))["ConnectionStrings__messaging"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_replicas_are_refused_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "ImageWorker:Replicas=-1"));

        Assert.Contains(Chain(error), e => e.Message.Contains("ImageWorker:Replicas must be 0", StringComparison.Ordinal) && e.Message.Contains("-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replicas_on_this_machine_split_its_cores_between_their_codecs()
    {
        await using var model = await AppHostModel.CreateAsync("local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "ImageWorker:Replicas=2");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("imageworker");

        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2).ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ImageWorker__CodecConcurrency"]);
    }

    [Fact]
    public async Task A_given_codec_concurrency_is_what_every_replica_gets()
    {
        await using var model = await AppHostModel.CreateAsync(
            "local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", "ImageWorker:Replicas=3", "ImageWorker:CodecConcurrency=5");
        model.AllocateEndpoints();

        var environment = await model.EnvironmentOfAsync("imageworker");

        Assert.Equal("5", environment["ImageWorker__CodecConcurrency"]);
    }

    [Theory]
    [InlineData(2, 2, "1")]
    [InlineData(2, 5, "1")]
    [InlineData(16, 2, "8")]
    [InlineData(16, 3, "5")]
    public void Cores_are_split_among_replicas_and_never_below_one(int cores, int replicas, string expected)
    {
        var settings = new ImagePipeline.AppHost.Infrastructure.AppHostSettings
        {
            Mode = ImagePipeline.AppHost.Infrastructure.InfrastructureMode.Local,
            DataDirectory = "/tmp/x",
            RabbitMQServerPath = "/x",
            RabbitMQPort = 0,
            GatewayPort = 8080,
            ImageWorkerReplicas = replicas,
        };

        Assert.Equal(expected, settings.ImageWorkerCodecConcurrency(cores));
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
