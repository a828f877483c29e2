using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.ServiceDefaults.Tests.Health;

/// <summary>
/// A service as the AppHost sees it: a real WebApplication on 127.0.0.1 with the default health checks, whatever the
/// test registers, and <c>/health</c> mapped by <c>MapDefaultEndpoints</c>.
/// </summary>
public sealed class HealthHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private HealthHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<HealthHost> StartAsync(Action<WebApplicationBuilder> register, params (string Key, string? Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = TestHosts.ApplicationName });
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)));
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.AddDefaultHealthChecks();
        register(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HealthHost(app, new Uri(address));
    }

    /// <summary>What <c>GET /health</c> answers.</summary>
    public async Task<HttpStatusCode> HealthStatusAsync()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>One check's own result, with its reason (the endpoint shows only the overall status).</summary>
    public async Task<HealthReportEntry> CheckAsync(string name)
    {
        var report = await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == name);
        return Assert.Single(report.Entries, entry => entry.Key == name).Value;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
