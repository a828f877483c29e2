using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void Parses_the_base64_after_the_prefix()
    {
        var key = WebhookSecret.Parse(TestSecrets.SigningSecret);

        Assert.Equal(Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), key);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_")]
    [InlineData("whsec_not base64!", "base64")]
    [InlineData("whsec_c2hvcnQ=", "5 bytes")]
    public void Rejects_a_malformed_secret_saying_why(string? secret, string reason)
    {
        var error = Assert.Throws<FormatException>(() => WebhookSecret.Parse(secret));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_key_longer_than_64_bytes()
    {
        var secret = "whsec_" + Convert.ToBase64String(new byte[65]);

        Assert.False(WebhookSecret.TryParse(secret, out _, out var error));
        Assert.Contains("65 bytes", error, StringComparison.Ordinal);
    }
}
