using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Notifier.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    // the test vector published with the Standard Webhooks reference libraries
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorPayload = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);

    [Fact]
    public void Signs_the_Standard_Webhooks_test_vector()
    {
        var signer = new WebhookSigner(new WebhookSigningKeys(TestSecrets.SigningSecret));

        Assert.Equal(VectorSignature, signer.Sign(clientId: null, VectorId, VectorTimestamp, VectorPayload));
    }

    [Fact]
    public void Verifier_accepts_the_test_vector()
    {
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);

        Assert.True(verifier.Verify(VectorId, "1614265330", VectorSignature, VectorPayload, VectorTime));
    }

    [Fact]
    public void Signature_round_trips_through_the_verifier()
    {
        var secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var signer = new WebhookSigner(new WebhookSigningKeys(secret));
        var now = DateTimeOffset.UtcNow;
        const string body = """{"type":"request.completed","data":{"requestId":"x"}}""";

        var signature = signer.Sign(clientId: null, "msg_1", now.ToUnixTimeSeconds(), body);

        Assert.True(new WebhookSignatureVerifier(secret).Verify("msg_1", now.ToUnixTimeSeconds().ToString(), signature, body, now));
    }

    [Theory]
    [InlineData(VectorId, "1614265330", VectorSignature, """{"test": 2432232315}""")] // body changed
    [InlineData("msg_other", "1614265330", VectorSignature, VectorPayload)] // id changed
    [InlineData(VectorId, "1614265331", VectorSignature, VectorPayload)] // timestamp changed
    [InlineData(VectorId, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VectorPayload)] // unknown version
    [InlineData(VectorId, "1614265330", "", VectorPayload)]
    [InlineData(VectorId, "not-a-number", VectorSignature, VectorPayload)]
    public void Verifier_rejects_anything_altered(string id, string timestamp, string signature, string body)
    {
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);

        Assert.False(verifier.Verify(id, timestamp, signature, body, VectorTime));
    }

    [Fact]
    public void Verifier_rejects_a_signature_from_another_secret()
    {
        var other = "whsec_" + Convert.ToBase64String(new byte[32]);

        Assert.False(new WebhookSignatureVerifier(other).Verify(VectorId, "1614265330", VectorSignature, VectorPayload, VectorTime));
    }

    [Fact]
    public void Verifier_rejects_a_stale_timestamp()
    {
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);

        Assert.False(verifier.Verify(VectorId, "1614265330", VectorSignature, VectorPayload, VectorTime.AddMinutes(6)));
    }

    [Fact]
    public void Verifier_accepts_any_matching_entry_of_several()
    {
        var verifier = new WebhookSignatureVerifier(TestSecrets.SigningSecret);
        var header = $"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= {VectorSignature}";

        Assert.True(verifier.Verify(VectorId, "1614265330", header, VectorPayload, VectorTime));
    }
}
