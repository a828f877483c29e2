using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>
/// The gateway's real Program (hosted by <see cref="ServiceApp{TProgram}"/>: every production registration, the bus
/// swapped for MassTransit's in-memory test harness) with a real file store and a real SQLite gateway store in a temp
/// directory. A test sets <see cref="Settings"/>, <see cref="Time"/>, <see cref="TestServices"/> and
/// <see cref="UseKestrel"/> before its first use of the gateway (<see cref="CreateClient"/>, <see cref="Services"/>,
/// <see cref="StartServer"/>), which starts it.
/// </summary>
public sealed class GatewayFactory : IAsyncDisposable, IDisposable
{
    /// <summary>The master webhook secret every test gateway has (the AppHost always passes one); a test may override it in <see cref="Settings"/>.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ServiceApp<Program>? _app;
    private Action<KestrelServerOptions>? _kestrel;

    public string FilesDirectory { get; } = Path.Combine(Path.GetTempPath(), $"imagepipeline-gateway-tests-{Guid.NewGuid():N}");

    /// <summary>Settings over the gateway's own test settings (later ones win).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces the gateway's clock when set.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Registrations that replace the gateway's own (after the harness), e.g. a broker that fails.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public IServiceProvider Services => App.Services;

    public HttpClient CreateClient() => App.CreateClient();

    /// <summary>Serves on Kestrel with these listeners instead of the in-memory test server (<see cref="ServiceHosting.UseKestrel"/>).</summary>
    public void UseKestrel(Action<KestrelServerOptions> configure)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The gateway is already hosted: choose Kestrel before its first use.");
        }
        _kestrel = configure;
    }

    /// <summary>Starts the gateway now, e.g. so its file store has made its directory before a test writes into it.</summary>
    public void StartServer() => _ = App.Services;

    private ServiceApp<Program> App => _app ??= ServiceApp<Program>.Create(Configure);

    private void Configure(ServiceHosting hosting)
    {
        hosting
            .Set("ConnectionStrings:files", new Uri(FilesDirectory + "/").AbsoluteUri)
            .Set("ConnectionStrings:gatewaydb", $"Data Source={Path.Combine(FilesDirectory, "db", "gateway.db")}")
            .Set(PublicUrls.SettingName, "http://gateway.test")
            .Set("Webhooks:SigningSecret", SigningSecret)
            .Set(Settings);
        if (Time is { } time)
        {
            hosting.UseTime(time);
        }
        if (_kestrel is { } kestrel)
        {
            hosting.UseKestrel(kestrel);
        }
        if (TestServices is { } services)
        {
            hosting.ConfigureServices(services);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        DeleteFiles();
    }

    public void Dispose()
    {
        _app?.Dispose();
        DeleteFiles();
    }

    private void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(FilesDirectory))
        {
            Directory.Delete(FilesDirectory, recursive: true);
        }
    }
}
