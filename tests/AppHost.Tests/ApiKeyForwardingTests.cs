namespace ImagePipeline.AppHost.Tests;

/// <summary><c>Access:ApiKeys</c> reaches the gateway alone, as secret parameters (issue 10, item 6).</summary>
public sealed class ApiKeyForwardingTests : IDisposable
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";

    private readonly string _fakeServer = Path.GetTempFileName();

    [Fact]
    public async Task Keys_reach_only_the_gateway_as_secret_parameters()
    {
        await using var model = await AppHostModel.CreateAsync(
            "local", $"Infrastructure:RabbitMQ:ServerPath={_fakeServer}", $"Access:ApiKeys:0={KeyA}", $"Access:ApiKeys:1={KeyB}");
        model.AllocateEndpoints();

        var gateway = await model.EnvironmentOfAsync("gateway");
        Assert.Equal(KeyA, gateway["Access__ApiKeys__0"]);
        Assert.Equal(KeyB, gateway["Access__ApiKeys__1"]);
        Assert.True(Assert.IsType<ParameterResource>(model["access-api-key-0"]).Secret);
        Assert.True(Assert.IsType<ParameterResource>(model["access-api-key-1"]).Secret);
        foreach (var service in new[] { "ingest", "imageworker", "export", "notifier" })
        {
            var environment = await model.EnvironmentOfAsync(service);
            Assert.DoesNotContain(environment, variable => variable.Key.StartsWith("Access__", StringComparison.Ordinal));
            Assert.DoesNotContain(environment, variable => variable.Value.Contains(KeyA, StringComparison.Ordinal));
        }
    }

    public void Dispose() => File.Delete(_fakeServer);
}
