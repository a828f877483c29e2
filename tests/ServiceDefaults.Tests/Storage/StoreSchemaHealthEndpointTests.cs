using System.Net;
using ImagePipeline.TestSupport.ObjectStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>
/// A real service's <c>/health</c> while the start-up step retries a schema: the web server starts after the hosted
/// services, so nothing answers until the step is done (a probe sees the service not ready), and <c>200</c> after.
/// </summary>
public sealed class StoreSchemaHealthEndpointTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_is_not_answered_while_the_schema_is_being_made_and_is_200_once_it_is()
    {
        var port = FreeTcpPorts.Take(IPAddress.Loopback, 1)[0];
        var schema = new ScriptedSchema("late", failures: 1, holdSuccess: true);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = TestHosts.ApplicationName });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Configuration["Storage:SchemaRetryDelay"] = "00:00:00.010";
        builder.AddDefaultHealthChecks();
        builder.Services.AddStoreSchema(_ => schema);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Bound };

        var start = app.StartAsync();
        await schema.Succeeding.WaitAsync(Bound);
        var whileMaking = await Record.ExceptionAsync(() => client.GetAsync(new Uri("/health", UriKind.Relative)));
        schema.Release();
        await start.WaitAsync(Bound);
        using var after = await client.GetAsync(new Uri("/health", UriKind.Relative));
        await app.StopAsync();

        Assert.IsType<HttpRequestException>(whileMaking);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
