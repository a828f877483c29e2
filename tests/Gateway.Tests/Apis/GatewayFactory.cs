using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>
/// The gateway in process with a real file store and a real SQLite gateway store in a temp directory, and MassTransit's
/// in-memory harness as the bus.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    /// <summary>The master webhook secret every test gateway has (the AppHost always passes one); a test may override it in <see cref="Settings"/>.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public string FilesDirectory { get; } = Path.Combine(Path.GetTempPath(), $"imagepipeline-gateway-tests-{Guid.NewGuid():N}");

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces the gateway's clock when set.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Registrations that replace the gateway's own (after the harness), e.g. a broker that fails.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:files", new Uri(FilesDirectory + "/").AbsoluteUri);
        builder.UseSetting("ConnectionStrings:gatewaydb", $"Data Source={Path.Combine(FilesDirectory, "db", "gateway.db")}");
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/");
        builder.UseSetting("PublicBaseUrl", "http://gateway.test");
        builder.UseSetting("Webhooks:SigningSecret", SigningSecret);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness();
            if (Time is { } time)
            {
                services.AddSingleton(time);
            }
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(FilesDirectory))
        {
            Directory.Delete(FilesDirectory, recursive: true);
        }
    }
}
