using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>Bad uploads through the real gateway, each with the answer docs/limits.md promises.</summary>
[Collection(PipelineCollection.Name)]
public sealed class HostileUploadTests(PipelineFixture pipeline)
{
    // Csv:MaxBytes, whose default the AppHost does not change
    private const int MaxBytes = 20 * 1024 * 1024;

    [RequiresAppHostFact]
    public async Task A_csv_one_byte_over_20_MB_is_413_with_a_length_chunked_or_in_multipart()
    {
        var body = OversizedCsv(MaxBytes + 1);

        using var declared = new ByteArrayContent(body);
        declared.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await AssertTooLargeAsync(new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = declared });

        using var chunked = new ByteArrayContent(body);
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = chunked };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        await AssertTooLargeAsync(chunkedRequest);

        using var multipart = new MultipartFormDataContent { { new ByteArrayContent(body), "file", "products.csv" } };
        await AssertTooLargeAsync(new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = multipart });
    }

    [RequiresAppHostTheory]
    [InlineData("application/json", "{\"products\":[]}")]
    [InlineData("text/plain", "S. No.,Product Name,Input Image Urls\r\n1,A,http://127.0.0.1:9/a.jpg\r\n")]
    public async Task A_body_that_is_neither_multipart_nor_csv_is_415(string mediaType, string body)
    {
        using var response = await pipeline.Gateway.PostAsync("/api/requests", new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [RequiresAppHostFact]
    public async Task A_header_only_file_is_400_with_one_error_on_row_2()
    {
        var errors = await RejectedAsync("S. No.,Product Name,Input Image Urls\r\n");

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Row);
        Assert.Null(error.Column);
    }

    [RequiresAppHostFact]
    public async Task A_file_with_every_kind_of_bad_row_is_400_listing_each_error_by_row_and_column()
    {
        // nothing here is fetched: a rejected file is never processed
        const string csv =
            "S. No.,Product Name,Input Image Urls\r\n" +
            "1,Good,http://127.0.0.1:9/a.jpg\r\n" +
            "abc,Serial is not a number,http://127.0.0.1:9/a.jpg\r\n" +
            "1,Serial repeats row 2,http://127.0.0.1:9/a.jpg\r\n" +
            "4,,http://127.0.0.1:9/a.jpg\r\n" +
            "5,No URL,\r\n" +
            "6,Not http,ftp://127.0.0.1:9/a.jpg\r\n" +
            "7,Credentials,http://user:secret@127.0.0.1:9/a.jpg\r\n" +
            "8,Four,columns,http://127.0.0.1:9/a.jpg\r\n" +
            "\r\n" +
            "10,Fine again,http://127.0.0.1:9/a.jpg\r\n";

        var errors = await RejectedAsync(csv);

        Assert.Equal(
        [
            (3, "S. No."), (4, "S. No."), (5, "Product Name"), (6, "Input Image Urls"), (7, "Input Image Urls"),
            (8, "Input Image Urls"), (9, null), (10, null),
        ], errors.Select(e => (e.Row, e.Column)));
    }

    private sealed record ListedError(int Row, string? Column, string Reason);

    private async Task<ListedError[]> RejectedAsync(string csv)
    {
        using var response = await pipeline.Gateway.PostAsync("/api/requests", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => new ListedError(e.GetProperty("row").GetInt32(),
                e.GetProperty("column").ValueKind == JsonValueKind.String ? e.GetProperty("column").GetString() : null,
                e.GetProperty("reason").GetString()!))
            .ToArray();
        Assert.Equal(errors.Length, problem.GetProperty("errorCount").GetInt32());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        return errors;
    }

    private async Task AssertTooLargeAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await pipeline.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("Csv:MaxBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    // a well-formed CSV, every row valid, that is simply too long
    private static byte[] OversizedCsv(int length)
    {
        var csv = new byte[length];
        var header = "S. No.,Product Name,Input Image Urls\r\n"u8;
        header.CopyTo(csv);
        var row = 1;
        var at = header.Length;
        while (at < length)
        {
            var line = Encoding.ASCII.GetBytes($"{row++},Product,http://127.0.0.1:9/{row}.jpg\r\n");
            var take = Math.Min(line.Length, length - at);
            line.AsSpan(0, take).CopyTo(csv.AsSpan(at));
            at += take;
        }
        return csv;
    }
}
