using System.Net;
using System.Text;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>
/// The guards that depend on the real server (its body limits, its body detection, headers HttpClient will not send),
/// checked with the gateway on Kestrel on loopback.
/// </summary>
public sealed class OverKestrelTests : IAsyncLifetime
{
    private const string Key = "key-a-0123456789abcdef";
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,https://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();
    private StandInBackend _backend = null!;
    private HttpClient _client = null!;
    private Uri _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await StandInBackend.StartAsync();
        _backend.AddTo(_factory.Settings);
        _factory.Settings["Access:ApiKeys:0"] = Key;
        _factory.Settings["Csv:MaxBytes"] = "1000";
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _gateway = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _client = new HttpClient { BaseAddress = _gateway, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Add(ApiKeyRing.HeaderName, Key);
    }

    [Fact]
    public async Task An_owned_read_is_forwarded()
    {
        var accepted = await _client.PostAsync("/api/requests", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));
        var location = accepted.Headers.Location!;

        var status = await _client.GetAsync(location);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal([location.OriginalString], _backend.Received.Select(r => r.Path));
    }

    [Fact]
    public async Task A_read_with_a_content_length_body_is_413_and_not_forwarded()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/requests/{Guid.NewGuid()}") { Content = new StringContent("x") };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_backend.Received);
    }

    [Fact]
    public async Task A_read_with_a_chunked_body_is_413_and_not_forwarded()
    {
        var status = await RawHttp.SendAsync(_gateway, $"""
            GET /api/requests/{Guid.NewGuid()} HTTP/1.1
            Host: gateway.test
            X-Api-Key: {Key}
            Transfer-Encoding: chunked
            Connection: close

            5
            hello
            0


            """);

        Assert.Equal(413, status);
        Assert.Empty(_backend.Received);
    }

    [Theory]
    [InlineData("", 400)]
    [InlineData(" ", 400)]
    [InlineData("order-42", 202)]
    public async Task An_empty_idempotency_key_is_400(string key, int expected)
    {
        var status = await RawHttp.SendAsync(_gateway, $"""
            POST /api/requests HTTP/1.1
            Host: gateway.test
            X-Api-Key: {Key}
            Idempotency-Key: {key}
            Content-Type: text/csv
            Content-Length: {Encoding.UTF8.GetByteCount(ValidCsv)}
            Connection: close

            {ValidCsv}
            """);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task An_upload_over_the_csv_limit_is_413_from_its_content_length()
    {
        var csv = ValidCsv + string.Concat(Enumerable.Range(2, 40).Select(i => $"{i},SKU{i},https://img.example/{i}.jpg\r\n"));

        var response = await _client.PostAsync("/api/requests", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
