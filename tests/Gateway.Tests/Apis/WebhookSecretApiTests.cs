using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.TestSupport.Webhooks;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary><c>GET /api/webhook-secret</c>: each API key reads its own webhook secret, and only its own.</summary>
public sealed class WebhookSecretApiTests : IAsyncLifetime
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";

    private readonly GatewayFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_key_reads_its_own_secret_derived_from_the_master_and_its_fingerprint()
    {
        UseKeys();
        var client = _factory.CreateClient();

        var a = await client.SendAsync(Get(KeyA));
        var b = await client.SendAsync(Get(KeyB));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        var secretA = await SecretOf(a);
        var secretB = await SecretOf(b);
        Assert.Equal(DerivedWebhookSecret.Of(GatewayFactory.SigningSecret, KeyA), secretA);
        Assert.Equal(DerivedWebhookSecret.Of(GatewayFactory.SigningSecret, KeyB), secretB);
        Assert.NotEqual(secretA, secretB);
        Assert.DoesNotContain(GatewayFactory.SigningSecret["whsec_".Length..], secretA, StringComparison.Ordinal);
        Assert.True(a.Headers.CacheControl?.NoStore, "a secret must not be cached");
    }

    [Fact]
    public async Task Without_a_valid_key_no_secret_is_served()
    {
        UseKeys();
        var client = _factory.CreateClient();

        var missing = await client.GetAsync("/api/webhook-secret");
        var wrong = await client.SendAsync(Get("not-a-key-0123456789"));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.DoesNotContain("whsec_", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configured_keys_it_is_a_404_problem_and_the_single_secret_is_not_served()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/webhook-secret");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(WebhookSecretApi.ProblemType, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain(GatewayFactory.SigningSecret, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-secret")]
    public void With_keys_a_missing_or_malformed_master_secret_stops_the_gateway_at_start(string secret)
    {
        UseKeys();
        _factory.Settings["Webhooks:SigningSecret"] = secret;

        var error = Assert.Throws<OptionsValidationException>(() => _factory.CreateClient());

        Assert.Contains("Webhooks:SigningSecret must be set", error.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private void UseKeys()
    {
        _factory.Settings["Access:ApiKeys:0"] = KeyA;
        _factory.Settings["Access:ApiKeys:1"] = KeyB;
    }

    private static HttpRequestMessage Get(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/webhook-secret");
        request.Headers.TryAddWithoutValidation(ApiKeyRing.HeaderName, key);
        return request;
    }

    private static async Task<string?> SecretOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
}
