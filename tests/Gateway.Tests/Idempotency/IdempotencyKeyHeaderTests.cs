using ImagePipeline.Gateway.Idempotency;
using Microsoft.Extensions.Primitives;

namespace ImagePipeline.Gateway.Tests.Idempotency;

public sealed class IdempotencyKeyHeaderTests
{
    [Fact]
    public void No_header_is_no_key_and_no_error()
    {
        Assert.True(IdempotencyKeyHeader.TryRead(StringValues.Empty, out var key, out var error));
        Assert.Null(key);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  order 42  ", "order 42")]
    [InlineData("\"say \\\"hi\\\" \\\\ bye\"", "say \"hi\" \\ bye")]
    [InlineData("\" \"", " ")]
    public void A_key_is_read_bare_or_as_a_structured_field_string(string header, string expected)
    {
        Assert.True(IdempotencyKeyHeader.TryRead(header, out var key, out _));
        Assert.Equal(expected, key);
    }

    [Fact]
    public void A_key_of_255_characters_is_accepted_and_of_256_refused()
    {
        Assert.True(IdempotencyKeyHeader.TryRead(new string('k', 255), out var key, out _));
        Assert.Equal(255, key!.Length);

        Assert.False(IdempotencyKeyHeader.TryRead(new string('k', 256), out key, out var error));
        Assert.Null(key);
        Assert.Equal("The Idempotency-Key is 256 characters long; at most 255 are allowed.", error);
        // the quotes do not count
        Assert.True(IdempotencyKeyHeader.TryRead($"\"{new string('k', 255)}\"", out _, out _));
    }

    [Theory]
    [InlineData("", "The Idempotency-Key is empty.")]
    [InlineData("   ", "The Idempotency-Key is empty.")]
    [InlineData("\"\"", "The Idempotency-Key is empty.")]
    public void An_empty_key_is_refused(string header, string expected)
    {
        Assert.False(IdempotencyKeyHeader.TryRead(header, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("\"inner\"quote\"")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("\"trailing backslash\\\"")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\tinside")]
    [InlineData("\"line\u0001\"")]
    public void A_key_that_is_not_printable_ascii_or_a_broken_string_is_refused(string header)
    {
        Assert.False(IdempotencyKeyHeader.TryRead(header, out var key, out var error));
        Assert.Null(key);
        Assert.StartsWith("The Idempotency-Key must be printable ASCII", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_headers_are_refused()
    {
        Assert.False(IdempotencyKeyHeader.TryRead(new StringValues(["a", "b"]), out _, out var error));
        Assert.Equal("Send one Idempotency-Key header, not 2.", error);
    }
}
