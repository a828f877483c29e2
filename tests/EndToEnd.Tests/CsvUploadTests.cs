using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ImageMagick;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.Webhooks;
using Xunit.Abstractions;

namespace ImagePipeline.EndToEnd.Tests;

[Collection(PipelineCollection.Name)]
public sealed class CsvUploadTests(PipelineFixture pipeline, ITestOutputHelper output)
{
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(4);

    private sealed record SourceImage(string Name, string Format, byte[] Bytes, int Quality);

    [RequiresAppHostFact]
    public async Task Upload_is_processed_end_to_end_with_output_csv_and_signed_webhook()
    {
        // Arrange: images on a loopback server, a CSV of 12 products pointing at them, one URL that answers 404
        var sources = new[]
        {
            new SourceImage("photo-3mp.jpg", "JPEG", TestImages.Jpeg(2048, 1536, quality: 90), 90),
            new SourceImage("photo-small.jpg", "JPEG", TestImages.Jpeg(1024, 768, quality: 85), 85),
            new SourceImage("graphic.png", "PNG", TestImages.Png(800, 600), 0),
            new SourceImage("photo.webp", "WEBP", TestImages.WebP(1024, 768, quality: 80), 80),
        };
        foreach (var source in sources)
        {
            pipeline.Serve(source.Name, source.Bytes, source.Format == "PNG" ? "image/png" : source.Format == "WEBP" ? "image/webp" : "image/jpeg");
        }
        var missingUrl = pipeline.ImageServer.Url("/images/missing.jpg").ToString();
        var products = Enumerable.Range(1, 12).Select(i => (
            SerialNumber: i,
            Name: i switch { 2 => "Chair, \"oak\"", 3 => "Ткань ручной работы", 4 => "椅子", _ => $"SKU{i}" },
            Urls: Enumerable.Range(0, 1 + i % 3)
                .Select(p => pipeline.ImageServer.Url($"/images/{sources[(i + p) % sources.Length].Name}?product={i}&position={p}").ToString())
                .Concat(i == 5 ? new[] { missingUrl } : Array.Empty<string>())
                .ToArray())).ToArray();
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        foreach (var product in products)
        {
            csv.Append(product.SerialNumber).Append(',').Append(Quote(product.Name)).Append(',').Append(Quote(string.Join(',', product.Urls))).Append("\r\n");
        }
        var imageCount = products.Sum(p => p.Urls.Length);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        // Act: upload with a trace context, wait for a final status
        var clock = Stopwatch.StartNew();
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent(pipeline.WebhookServer.Url("/webhook").ToString()), "webhookUrl" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = upload };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var accepted = await pipeline.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var acceptedBody = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = acceptedBody.GetProperty("requestId").GetGuid();
        Assert.Equal($"/api/requests/{requestId}", accepted.Headers.Location?.OriginalString);
        Assert.Equal(12, acceptedBody.GetProperty("productCount").GetInt32());
        Assert.Equal(imageCount, acceptedBody.GetProperty("imageCount").GetInt32());

        var status = await WaitForFinalStatusAsync(requestId);
        var uploadToDone = clock.Elapsed;
        var webhook = await WaitForWebhookAsync(requestId);
        var uploadToWebhook = clock.Elapsed;
        output.WriteLine($"{PipelineFixture.Mode} mode; startup {pipeline.StartupTime.TotalSeconds:F1} s; {imageCount} images: upload→completed {uploadToDone.TotalSeconds:F1} s, upload→webhook {uploadToWebhook.TotalSeconds:F1} s");

        // Assert: counts
        Assert.Equal("CompletedWithErrors", status.GetProperty("status").GetString());
        var images = status.GetProperty("images");
        Assert.Equal(imageCount, images.GetProperty("total").GetInt32());
        Assert.Equal(1, images.GetProperty("failed").GetInt32());
        Assert.Equal(imageCount - 1, images.GetProperty("succeeded").GetInt32());
        Assert.Equal(100.0, status.GetProperty("percentComplete").GetDouble());

        // Assert: every image's result, and every output file through /files
        var productsResponse = await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/products");
        var listed = productsResponse.EnumerateArray().ToArray();
        Assert.Equal(products.Select(p => (long)p.SerialNumber), listed.Select(p => p.GetProperty("serialNumber").GetInt64()));
        var workers = new HashSet<string>();
        foreach (var (product, listedProduct) in products.Zip(listed))
        {
            var listedImages = listedProduct.GetProperty("images").EnumerateArray().ToArray();
            Assert.Equal(product.Urls, listedImages.Select(i => i.GetProperty("inputUrl").GetString()));
            foreach (var image in listedImages)
            {
                var inputUrl = image.GetProperty("inputUrl").GetString()!;
                if (inputUrl == missingUrl)
                {
                    Assert.Equal("Failed", image.GetProperty("status").GetString());
                    Assert.Equal("http_404", image.GetProperty("failureCode").GetString());
                    continue;
                }
                Assert.Equal("Succeeded", image.GetProperty("status").GetString());
                workers.Add(image.GetProperty("processedBy").GetString()!);
                var source = sources.Single(s => inputUrl.Contains($"/images/{s.Name}?", StringComparison.Ordinal));
                await AssertCompressedAsync(source, image.GetProperty("outputUrl").GetString()!);
            }
        }
        Assert.Equal(2, workers.Count);

        // Assert: the output CSV pairs every input URL with its output URL, failed slot empty
        var csvResponse = await pipeline.Gateway.GetAsync($"/api/requests/{requestId}/output.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var outputRows = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["S. No.", "Product Name", "Input Image Urls", "Output Image Urls"], outputRows[0]);
        Assert.Equal(products.Length, outputRows.Count - 1);
        foreach (var (product, (row, listedProduct)) in products.Zip(outputRows.Skip(1).Zip(listed)))
        {
            Assert.Equal(product.SerialNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(product.Name, row[1]);
            Assert.Equal(string.Join(',', product.Urls), row[2]);
            var expectedOutputs = listedProduct.GetProperty("images").EnumerateArray()
                .Select(i => i.GetProperty("outputUrl").ValueKind == JsonValueKind.String ? i.GetProperty("outputUrl").GetString() : "");
            Assert.Equal(string.Join(',', expectedOutputs), row[3]);
        }
        var failedRow = outputRows[1 + Array.FindIndex(products, p => p.Urls.Contains(missingUrl))];
        Assert.EndsWith(",", failedRow[3], StringComparison.Ordinal);

        // Assert: one signed webhook, carrying the upload's trace; image downloads carry it too
        Assert.True(StandardWebhookSignature.IsValid(PipelineFixture.SigningSecret, webhook.Header("webhook-id"), webhook.Header("webhook-timestamp"), webhook.Header("webhook-signature"), webhook.Body),
            "webhook signature does not verify");
        using var payload = JsonDocument.Parse(webhook.Body);
        Assert.Equal("request.completed", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(requestId, payload.RootElement.GetProperty("data").GetProperty("requestId").GetGuid());
        Assert.Equal("CompletedWithErrors", payload.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Contains(traceId, webhook.Header("traceparent") ?? "", StringComparison.Ordinal);
        var downloads = pipeline.ImageRequests.Requests.Where(r => r.Path.Contains($"product=", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(downloads);
        Assert.All(downloads, d => Assert.Contains(traceId, d.Header("traceparent") ?? "", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(pipeline.WebhookRequests.Requests, r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("requestId").GetGuid() == requestId);

        // Assert: the delivery log, through the gateway, shows that one attempt
        var deliveries = (await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/deliveries")).EnumerateArray().ToArray();
        var delivery = Assert.Single(deliveries);
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(webhook.Header("webhook-id"), delivery.GetProperty("webhookId").GetString());
        Assert.Equal(200, Assert.Single(delivery.GetProperty("attempts").EnumerateArray()).GetProperty("statusCode").GetInt32());
    }

    private async Task AssertCompressedAsync(SourceImage source, string outputUrl)
    {
        using var response = await pipeline.Gateway.GetAsync(new Uri(outputUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var info = new MagickImageInfo(bytes);
        Assert.Equal(source.Format, info.Format.ToString().ToUpperInvariant());
        Assert.True(bytes.Length <= source.Bytes.Length, $"{source.Name}: output {bytes.Length} B is larger than input {source.Bytes.Length} B");
        if (source.Format is "JPEG" or "WEBP")
        {
            Assert.True(bytes.Length < source.Bytes.Length, $"{source.Name}: output {bytes.Length} B is not smaller than input {source.Bytes.Length} B");
        }
        if (source.Format == "JPEG")
        {
            var expected = (int)Math.Round(source.Quality * 0.5, MidpointRounding.AwayFromZero);
            Assert.InRange((int)info.Quality, expected - 2, expected + 2);
        }
    }

    private async Task<JsonElement> WaitForFinalStatusAsync(Guid requestId)
    {
        using var timeout = new CancellationTokenSource(CompletionTimeout);
        while (true)
        {
            var status = await pipeline.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}", timeout.Token);
            if (status.GetProperty("status").GetString() is "Completed" or "CompletedWithErrors" or "Failed")
            {
                return status;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    /// <summary>The first webhook about <paramref name="requestId"/>: other tests of the collection send theirs to the same receiver.</summary>
    private async Task<TestSupport.Http.RecordedRequest> WaitForWebhookAsync(Guid requestId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var id = requestId.ToString();
        while (true)
        {
            var webhook = pipeline.WebhookRequests.Requests.FirstOrDefault(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(id, StringComparison.Ordinal));
            if (webhook is not null)
            {
                return webhook;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        return rows;
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
