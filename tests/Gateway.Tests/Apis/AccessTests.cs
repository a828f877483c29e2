using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Tests.Support;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>API keys: who may call the API, and who may see which request. Ingest and Export are stood in for on loopback.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,https://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();
    private StandInBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await StandInBackend.StartAsync();
        _backend.AddTo(_factory.Settings);
    }

    [Fact]
    public async Task Without_configured_keys_the_api_is_open()
    {
        var client = _factory.CreateClient();

        var accepted = await client.PostAsync("/api/requests", Csv());
        var requestId = await RequestIdOf(accepted);
        var status = await client.GetAsync($"/api/requests/{requestId}");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal([$"/api/requests/{requestId}"], _backend.Received.Select(r => r.Path));
    }

    [Theory]
    [InlineData(null, "API key required")]
    [InlineData("", "API key required")]
    [InlineData("not-a-key-0123456789", "API key not accepted")]
    [InlineData(KeyA + "x", "API key not accepted")]
    public async Task With_keys_an_upload_without_a_valid_key_is_401_and_nothing_is_published(string? key, string title)
    {
        UseKeys();
        var client = _factory.CreateClient();

        var response = await client.SendAsync(Upload(key));

        await AssertUnauthorized(response, title);
        Assert.False(_factory.Services.GetRequiredService<ITestHarness>().Published.Select<RequestSubmitted>().Any());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/products")]
    [InlineData("/output.csv")]
    public async Task With_keys_a_read_without_a_valid_key_is_401_and_nothing_is_forwarded(string suffix)
    {
        UseKeys();
        var client = _factory.CreateClient();
        var path = $"/api/requests/{Guid.NewGuid()}{suffix}";

        await AssertUnauthorized(await client.GetAsync(path), "API key required");
        await AssertUnauthorized(await client.SendAsync(Get(path, "wrong-key-0123456789")), "API key not accepted");
        Assert.Empty(_backend.Received);
    }

    [Theory]
    [InlineData("/API/requests")]
    [InlineData("/Api/Requests")]
    public async Task The_key_check_does_not_depend_on_the_paths_case(string path)
    {
        UseKeys();

        var response = await _factory.CreateClient().PostAsync(path, Csv());

        await AssertUnauthorized(response, "API key required");
    }

    [Fact]
    public async Task Two_api_key_headers_are_not_accepted()
    {
        UseKeys();
        var request = Get($"/api/requests/{Guid.NewGuid()}", KeyA);
        request.Headers.Add(ApiKeyRing.HeaderName, KeyB);

        await AssertUnauthorized(await _factory.CreateClient().SendAsync(request), "API key not accepted");
    }

    [Fact]
    public async Task Health_endpoints_and_files_stay_open_with_keys()
    {
        UseKeys();
        var client = _factory.CreateClient();
        // a processed image: the one kind of file /files serves (an uploaded CSV never, see FilesApiTests)
        var image = Path.Combine(_factory.FilesDirectory, "images", $"{Guid.NewGuid():N}.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        await File.WriteAllBytesAsync(image, [0xFF, 0xD8, 0xFF, 0xD9]);

        var alive = await client.GetAsync("/alive");
        var health = await client.GetAsync("/health");
        var file = await client.GetAsync($"/files/images/{Path.GetFileName(image)}");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xD9], await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_request_is_visible_to_the_key_that_created_it_and_404_to_another_on_every_read()
    {
        UseKeys();
        var client = _factory.CreateClient();
        var requestId = await RequestIdOf(await client.SendAsync(Upload(KeyA)));
        string[] paths = [$"/api/requests/{requestId}", $"/api/requests/{requestId}/products", $"/api/requests/{requestId}/output.csv"];

        foreach (var path in paths)
        {
            var other = await client.SendAsync(Get(path, KeyB));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Request not found", problem.GetProperty("title").GetString());
            Assert.Equal($"No request has the ID {requestId}.", problem.GetProperty("detail").GetString());
        }
        Assert.Empty(_backend.Received);

        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get(path, KeyA))).StatusCode);
        }
        // forwarded for the owner only, and without the key: the services behind the gateway never see it
        Assert.Equal(paths, _backend.Received.Select(r => r.Path));
        Assert.All(_backend.Received, r => Assert.Null(r.ApiKey));
    }

    [Fact]
    public async Task The_owners_output_csv_comes_through_the_api_with_nosniff()
    {
        UseKeys();
        var client = _factory.CreateClient();
        var requestId = await RequestIdOf(await client.SendAsync(Upload(KeyA)));

        var csv = await client.SendAsync(Get($"/api/requests/{requestId}/output.csv", KeyA));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("nosniff", string.Join(",", csv.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Another_keys_request_and_an_unknown_request_look_the_same()
    {
        UseKeys();
        var client = _factory.CreateClient();
        var requestId = await RequestIdOf(await client.SendAsync(Upload(KeyA)));
        var unknownId = Guid.NewGuid();

        var others = await client.SendAsync(Get($"/api/requests/{requestId}", KeyB));
        var unknown = await client.SendAsync(Get($"/api/requests/{unknownId}", KeyB));

        Assert.Equal(unknown.StatusCode, others.StatusCode);
        Assert.Equal(unknown.Content.Headers.ContentType, others.Content.Headers.ContentType);
        Assert.Equal(
            (await unknown.Content.ReadAsStringAsync()).Replace(unknownId.ToString(), "{id}", StringComparison.Ordinal),
            (await others.Content.ReadAsStringAsync()).Replace(requestId.ToString(), "{id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_upload_rate_limit_is_counted_per_key()
    {
        UseKeys();
        _factory.Settings["Uploads:RateLimit:Burst"] = "1";
        _factory.Settings["Uploads:RateLimit:PerMinute"] = "1";
        var client = _factory.CreateClient();

        var firstA = await client.SendAsync(Upload(KeyA));
        var secondA = await client.SendAsync(Upload(KeyA));
        var firstB = await client.SendAsync(Upload(KeyB));

        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted],
            [firstA.StatusCode, secondA.StatusCode, firstB.StatusCode]);
        Assert.True(secondA.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/products")]
    [InlineData("/output.csv")]
    public async Task A_read_with_a_body_is_refused_before_it_is_forwarded(string suffix)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/requests/{Guid.NewGuid()}{suffix}")
        {
            Content = new StringContent("{\"sneaky\":true}", Encoding.UTF8, "application/json"),
        };

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_backend.Received);
    }

    [Fact]
    public void A_short_api_key_stops_the_gateway_at_start()
    {
        _factory.Settings["Access:ApiKeys:0"] = "short";

        var error = Assert.Throws<OptionsValidationException>(() => _factory.CreateClient());

        Assert.Contains("Access:ApiKeys:0 must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }

    private void UseKeys()
    {
        _factory.Settings["Access:ApiKeys:0"] = KeyA;
        _factory.Settings["Access:ApiKeys:1"] = KeyB;
    }

    private static StringContent Csv() => new(ValidCsv, Encoding.UTF8, "text/csv");

    private static HttpRequestMessage Upload(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = Csv() };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyRing.HeaderName, key);
        }
        return request;
    }

    private static HttpRequestMessage Get(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(ApiKeyRing.HeaderName, key);
        return request;
    }

    private static async Task<Guid> RequestIdOf(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    private static async Task AssertUnauthorized(HttpResponseMessage response, string title)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal("ApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
