using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.ObjectStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The whole system through its AppHost in local mode with every file in a bucket of a real S3 API (Swift's s3api,
/// started here), output image URLs presigned on that bucket, and a loopback server for the source images.
/// </summary>
public sealed class S3PipelineFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _images = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"imagepipeline-e2e-s3-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public SwiftS3Server Swift { get; private set; } = null!;
    public string Bucket { get; private set; } = "";
    public LoopbackServer ImageServer { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    public void Serve(string name, byte[] bytes, string contentType) => _images[name] = (bytes, contentType);

    public async Task InitializeAsync()
    {
        if ((RequiredInfrastructure.RabbitMQSkipReason() ?? RequiredInfrastructure.SwiftS3SkipReason()) is not null)
        {
            return;
        }
        Swift = await SwiftS3Server.StartAsync();
        Bucket = await Swift.CreateBucketAsync("pipeline");
        ImageServer = await LoopbackServer.StartAsync(app => app.MapGet("/images/{name}", (string name) =>
            _images.TryGetValue(name, out var image) ? Results.Bytes(image.Bytes, image.ContentType) : Results.NotFound()));

        string[] args =
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:DataDirectory={_dataDirectory}",
            // local mode asks for no container; do not wait for a runtime that is not there
            "DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
            $"Parameters:webhook-signing-secret={PipelineFixture.SigningSecret}",
            $"ConnectionStrings:files={Swift.ConnectionString(Bucket)}",
            $"Parameters:files-access-key={Swift.AccessKey}",
            $"Parameters:files-secret-key={Swift.SecretKey}",
            "Files:UrlMode=Presigned",
            "Files:PresignedUrlLifetime=01:00:00",
            "ImageWorker:Replicas=1",
            $"Fetch:AllowedHosts:0=127.0.0.1:{ImageServer.BaseUri.Port}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
        builder.Services.AddLogging(logging => logging
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(PipelineFixture.StartTimeout);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "messaging", "ingest", "imageworker", "export", "notifier", "gateway" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        Gateway = _app.CreateHttpClient("gateway", "http");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            Gateway?.Dispose();
            if (ImageServer is not null)
            {
                await ImageServer.DisposeAsync();
            }
        }
        finally
        {
            // the store goes last: services still running must not lose it under them, and a failure above must not keep it running
            if (Swift is not null)
            {
                await Swift.DisposeAsync();
            }
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
