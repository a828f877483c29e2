using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Http;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>
/// What a failed image tells the client, and what the worker's logs keep of a URL (issue 10, item 6): a code and a
/// generic reason, never a resolved address, host name or process ID; no query string in any log line.
/// </summary>
public sealed class ClientVisibleFailureTests : IAsyncLifetime
{
    private const string Secret = "X-Amz-Signature=do-not-log-me";

    private readonly TempDirectory _directory = new();
    private readonly RecordingLoggerProvider _logs = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/always-503.jpg", () => Results.StatusCode(503)));

    [Fact]
    public async Task A_name_resolving_to_loopback_fails_with_a_generic_reason_and_an_opaque_worker()
    {
        await using var worker = await StartWorker(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "false" });

        await worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), $"http://localhost:{_server.BaseUri.Port}/photo.jpg?{Secret}"));

        var failed = (await worker.Single<ImageFailed>()).Outcome;
        Assert.Equal(ImageFailureReasons.BlockedDestination, failed.ReasonCode);
        // today's reason: "localhost:port resolves to 127.0.0.1, which is loopback …"
        Assert.DoesNotContain("127.0.0.1", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("::1", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.MachineName, failed.WorkerId, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), failed.WorkerId, StringComparison.Ordinal);
        // the detail is for the operator: in the log, with the URL but not its query
        Assert.Contains(_logs.Messages, m => m.Contains("127.0.0.1", StringComparison.Ordinal) && m.Contains("/photo.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_and_failures_log_the_url_without_its_query()
    {
        await using var worker = await StartWorker(new Dictionary<string, string?>());

        await worker.Harness.Bus.Publish(new ProcessImage(Guid.NewGuid(), Guid.NewGuid(), _server.Url($"/always-503.jpg?{Secret}").ToString()));

        var failed = (await worker.Single<ImageFailed>()).Outcome;
        Assert.Equal("http_503", failed.ReasonCode);
        Assert.Contains(_logs.Messages, m => m.Contains("retrying", StringComparison.Ordinal) && m.Contains("/always-503.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    private async Task<HarnessWorker> StartWorker(Dictionary<string, string?> settings)
    {
        var files = new DirectoryFileStore(_directory.Path);
        var host = TestServices.Build(settings, services =>
        {
            services.AddSingleton<IFileStore>(files);
            services.AddSingleton(new PublicUrls("http://gateway.test"));
            services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Information));
        });
        var harness = host.Services.GetTestHarness();
        await harness.Start();
        return new HarnessWorker(host, harness, files);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }
}
