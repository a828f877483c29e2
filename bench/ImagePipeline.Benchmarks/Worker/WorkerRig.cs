using ImagePipeline.Benchmarks.Images;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Extensions;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ServiceDefaults.Messaging;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Http;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.Benchmarks.Worker;

/// <summary>
/// The worker's real parts in this process: a loopback server serving the benchmark images, the worker's own
/// registrations (<c>AddImageProcessing</c>: downloader, destination guard, compressor) with the server allowed through
/// <c>Fetch:AllowedHosts</c>, a <see cref="DirectoryFileStore"/> in a temporary directory, and the worker's consumer
/// on MassTransit's in-memory transport with the same retry and outbox as production. Only RabbitMQ is missing.
/// </summary>
public sealed class WorkerRig : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly IHost _host;
    private readonly string _files;

    private WorkerRig(LoopbackServer server, IHost host, string files)
    {
        _server = server;
        _host = host;
        _files = files;
    }

    public ImageDownloader Downloader => _host.Services.GetRequiredService<ImageDownloader>();

    public ImageCompressor Compressor => _host.Services.GetRequiredService<ImageCompressor>();

    public IFileStore Files => _host.Services.GetRequiredService<IFileStore>();

    public ResultTally Tally => _host.Services.GetRequiredService<ResultTally>();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public int CodecSlots => _host.Services.GetRequiredService<CodecGate>().Slots;

    public string Url(int index) => _server.Url($"images/{index % 3}").ToString();

    public static async Task<WorkerRig> StartAsync(BenchImage image, int concurrency, int codec = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{variant:int}",
            (int variant) => Results.Bytes(image.Variants[variant % image.Variants.Count], "image/jpeg")));
        var files = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-{Guid.NewGuid():N}");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ImageWorker:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ImageWorker:CodecConcurrency"] = codec.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Fetch:AllowedHosts:0"] = $"127.0.0.1:{server.BaseUri.Port}",
        });
        // production logs one line per image to OTLP/console; the benchmark measures the pipeline, not a console
        builder.Logging.ClearProviders();
        builder.Services.AddImageProcessing(builder.Configuration);
        builder.Services.AddSingleton<IFileStore>(new DirectoryFileStore(files));
        builder.Services.AddSingleton(new PublicUrls("http://localhost:8080"));
        builder.Services.AddSingleton<ResultTally>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            ImageWorkerServiceExtensions.AddConsumers(bus);
            bus.AddConsumer<ResultCounter>();
            bus.UsingInMemory((context, memory) =>
            {
                MessagingExtensions.ConfigureReliability(memory, context, new MessagingOptions());
                memory.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerRig(server, host, files);
    }

    /// <summary>What one worker slot does for a message, minus the bus: download, compress, store.</summary>
    public async Task ProcessDirectAsync(int index)
    {
        var download = await Downloader.DownloadAsync(Url(index), CancellationToken.None);
        var image = await _host.Services.GetRequiredService<CodecGate>().RunAsync(() => Compressor.Compress(download.Content), CancellationToken.None);
        await using var content = image.OpenRead();
        await Files.SaveAsync(FileKey.ForImage(Guid.NewGuid(), image.Format.Extension), content, CancellationToken.None);
    }

    /// <summary>Publishes <paramref name="count"/> ProcessImage messages and waits for as many results.</summary>
    public async Task ProcessThroughBusAsync(int count)
    {
        var done = Tally.Expect(count);
        var requestId = Guid.NewGuid();
        for (var i = 0; i < count; i++)
        {
            await Bus.Publish(new ProcessImage(requestId, Guid.NewGuid(), Url(i)));
        }
        await done.WaitAsync(TimeSpan.FromMinutes(10));
        if (Tally.FirstFailure is { } failure)
        {
            throw new InvalidOperationException($"{Tally.Failed} images failed, first: {failure}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_files, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
