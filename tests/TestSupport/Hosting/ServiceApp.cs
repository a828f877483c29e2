using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.TestSupport.Hosting;

/// <summary>
/// A service's real Program in the test process (as MassTransit's WebApplicationFactory sample and eShop's functional
/// tests host theirs): every production registration, service defaults included, with the RabbitMQ transport swapped
/// for MassTransit's in-memory test harness and a test's few replacements (<see cref="ServiceHosting"/>) on top. A
/// registration added in production is in the tests the moment it is added. The host starts on first use of
/// <see cref="Services"/> or <see cref="CreateClient"/>, or at <see cref="StartAsync"/>; it serves on the in-memory
/// test server unless <see cref="ServiceHosting.UseKestrel"/> puts it on a real one.
/// </summary>
public sealed class ServiceApp<TProgram> : IAsyncDisposable, IDisposable where TProgram : class
{
    private readonly WebApplicationFactory<TProgram> _factory;

    private ServiceApp(WebApplicationFactory<TProgram> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public HttpClient CreateClient() => _factory.CreateClient();

    public static ServiceApp<TProgram> Create(Action<ServiceHosting>? configure = null)
    {
        var hosting = new ServiceHosting();
        configure?.Invoke(hosting);
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            // host settings, so they are in place while Program registers its services, not only once it has built
            foreach (var (key, value) in hosting.Settings)
            {
                web.UseSetting(key, value);
            }
            web.ConfigureTestServices(services =>
            {
                // keeps the service's consumers and definitions, swaps the transport for the in-memory one
                services.AddMassTransitTestHarness(harness =>
                    harness.SetTestTimeouts(hosting.HarnessTestTimeout, hosting.HarnessInactivityTimeout));
                foreach (var change in hosting.Overrides)
                {
                    change(services);
                }
            });
        });
        if (hosting.Kestrel is { } kestrel)
        {
            factory.UseKestrel(kestrel);
        }
        return new ServiceApp<TProgram>(factory);
    }

    /// <summary>Creates the app and waits until its host and bus have started.</summary>
    public static async Task<ServiceApp<TProgram>> StartAsync(Action<ServiceHosting>? configure = null)
    {
        var app = Create(configure);
        try
        {
            await app.Harness.Start();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    public void Dispose() => _factory.Dispose();
}
