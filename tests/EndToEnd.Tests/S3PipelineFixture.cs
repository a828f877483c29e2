using System.Collections.Concurrent;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.ObjectStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>
/// The whole system through its AppHost in local mode with every file in a bucket of a real S3 API (Swift's s3api,
/// started here), output image URLs presigned on that bucket, and a loopback server for the source images.
/// </summary>
public sealed class S3PipelineFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _images = new();
    private readonly AppHostSession _appHost = AppHostSession.For<Projects.AppHost>("e2e-s3");

    public SwiftS3Server Swift { get; private set; } = null!;
    public string Bucket { get; private set; } = "";
    public LoopbackServer ImageServer { get; private set; } = null!;
    public HttpClient Gateway => _appHost.Gateway;

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

        await _appHost.StartAsync(new AppHostOptions
        {
            Arguments =
            [
                .. LocalAppHost.Arguments(_appHost.DataDirectory, PipelineFixture.SigningSecret),
                $"ConnectionStrings:files={Swift.ConnectionString(Bucket)}",
                $"Parameters:files-access-key={Swift.AccessKey}",
                $"Parameters:files-secret-key={Swift.SecretKey}",
                "Files:UrlMode=Presigned",
                "Files:PresignedUrlLifetime=01:00:00",
                "ImageWorker:Replicas=1",
                $"Fetch:AllowedHosts:0=127.0.0.1:{ImageServer.BaseUri.Port}",
            ],
            StartTimeout = PipelineFixture.StartTimeout,
            // as this suite has always run: services export telemetry, the gateway client keeps its default timeout
            ExportTelemetry = true,
            GatewayTimeout = null,
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _appHost.DisposeAsync();
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
        }
    }
}
