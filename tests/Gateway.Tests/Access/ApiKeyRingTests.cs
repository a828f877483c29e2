using ImagePipeline.Gateway.Access;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Tests.Access;

public sealed class ApiKeyRingTests
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";

    [Fact]
    public void Without_keys_the_ring_is_off_and_identifies_no_one()
    {
        var ring = Ring();

        Assert.False(ring.Enabled);
        Assert.Null(ring.Identify(KeyA));
    }

    [Fact]
    public void A_configured_key_is_identified_by_its_sha256_fingerprint()
    {
        var ring = Ring(KeyA, KeyB);

        Assert.True(ring.Enabled);
        // sha256sum of "key-a-0123456789abcdef"
        Assert.Equal("cb9be82a90bf613c27918d6de6eb10f4e8950ff3a2cafa1980afe5c33b689c0f", ring.Identify(KeyA));
        Assert.Equal(ApiKeyRing.Fingerprint(KeyB), ring.Identify(KeyB));
        Assert.NotEqual(ring.Identify(KeyA), ring.Identify(KeyB));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("key-a-0123456789abcdeF")]
    [InlineData("key-a-0123456789abcde")]
    [InlineData("key-a-0123456789abcdef ")]
    public void Anything_but_a_configured_key_is_not_identified(string? presented)
    {
        Assert.Null(Ring(KeyA, KeyB).Identify(presented));
    }

    [Fact]
    public void The_fingerprint_is_the_lowercase_hex_sha256_of_the_key()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyRing.Fingerprint("abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short-key")]
    [InlineData(" key-with-a-leading-space")]
    public void A_blank_short_or_padded_key_fails_validation(string key)
    {
        var result = new AccessOptionsValidator().Validate(null, new AccessOptions { ApiKeys = [KeyA, key] });

        Assert.True(result.Failed);
        Assert.Equal("Access:ApiKeys:1 must be at least 16 characters without leading or trailing spaces.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void No_keys_or_long_keys_pass_validation()
    {
        Assert.True(new AccessOptionsValidator().Validate(null, new AccessOptions()).Succeeded);
        Assert.True(new AccessOptionsValidator().Validate(null, new AccessOptions { ApiKeys = [KeyA, KeyB] }).Succeeded);
    }

    private static ApiKeyRing Ring(params string[] keys) => new(Options.Create(new AccessOptions { ApiKeys = [.. keys] }));
}
