using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Outbound.Webhooks;
using ImagePipeline.TestSupport.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class WebhookSigningKeysTests
{
    private const string ApiKey = "key-a-0123456789abcdef";

    private static readonly WebhookSigningKeys Keys = new(TestSecrets.SigningSecret);

    [Fact]
    public void A_clients_secret_is_the_documented_derivation_of_the_master_and_its_fingerprint()
    {
        Assert.Equal(DerivedWebhookSecret.Of(TestSecrets.SigningSecret, ApiKey), Keys.SecretFor(DerivedWebhookSecret.FingerprintOf(ApiKey)));
    }

    [Fact]
    public void Clients_get_different_keys_and_none_is_the_master()
    {
        var a = Keys.KeyFor(DerivedWebhookSecret.FingerprintOf("key-a-0123456789abcdef"));
        var b = Keys.KeyFor(DerivedWebhookSecret.FingerprintOf("key-b-0123456789abcdef"));

        Assert.NotEqual(a, b);
        Assert.NotEqual(WebhookSecret.Parse(TestSecrets.SigningSecret), a);
        Assert.Equal(WebhookSigningKeys.DerivedKeyBytes, a.Length);
    }

    [Fact]
    public void Another_master_secret_gives_every_client_another_key()
    {
        var other = new WebhookSigningKeys("whsec_" + Convert.ToBase64String(new byte[32]));
        var client = DerivedWebhookSecret.FingerprintOf(ApiKey);

        Assert.NotEqual(Keys.KeyFor(client), other.KeyFor(client));
    }

    [Fact]
    public void No_client_means_the_master_key()
    {
        Assert.Equal(WebhookSecret.Parse(TestSecrets.SigningSecret), Keys.KeyFor(clientId: null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key-a-0123456789abcdef")]
    [InlineData("3F1C0E9A5B7D2C4E6F8A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E")]
    [InlineData("3f1c0e9a5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1")]
    public void Anything_but_a_fingerprint_is_refused(string clientId)
    {
        // an API key itself, or a fingerprint spelled another way, would derive a key no client is ever given
        Assert.Throws<ArgumentException>(() => Keys.KeyFor(clientId));
    }
}
