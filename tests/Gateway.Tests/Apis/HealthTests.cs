using System.Net;
using ImagePipeline.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>The gateway's <c>/health</c> covers what an upload needs: its database and the broker.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task Health_checks_the_gateway_database_and_the_broker()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var registrations = _factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(registrations, r => r.Name == "sqlite-gatewaydb" && r.Tags.Contains("ready"));
        Assert.Contains(registrations, r => r.Name == BrokerHealthCheck.Name && r.Tags.Contains("ready"));
    }

    [Fact]
    public async Task Health_is_503_while_the_gateway_database_is_gone_and_200_once_it_is_back()
    {
        var client = _factory.CreateClient();
        var directory = Path.Combine(_factory.FilesDirectory, "db");
        var away = Path.Combine(_factory.FilesDirectory, "db-away");

        Directory.Move(directory, away);
        var whileGone = (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
        Directory.Move(away, directory);
        var back = (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (whileGone, back));
    }

    public void Dispose() => _factory.Dispose();
}
