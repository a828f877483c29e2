using ImagePipeline.ImageWorker.Downloads;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

public sealed class SourceValidatorsTests
{
    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("W/\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"a,b/c\"")]
    public void A_well_formed_etag_is_kept_as_sent(string etag) =>
        Assert.Equal(etag, SourceValidators.From(etag, null).ETag);

    [Theory]
    [InlineData("abc")]
    [InlineData("\"a\"b\"")]
    [InlineData("w/\"abc\"")]
    [InlineData("\"a\r\nX-Injected: 1\"")]
    [InlineData("\"a b\"")]
    [InlineData("\"a\", \"b\"")]
    public void A_malformed_etag_is_dropped(string etag) =>
        Assert.Null(SourceValidators.From(etag, null).ETag);

    [Fact]
    public void An_oversized_etag_is_dropped() =>
        Assert.Null(SourceValidators.From($"\"{new string('a', SourceValidators.MaxLength)}\"", null).ETag);

    [Theory]
    [InlineData("Tue, 01 Dec 2026 10:30:15 GMT", true)]
    [InlineData("yesterday", false)]
    [InlineData("Tue, 01 Dec 2026 10:30:15 GMT\r\nX-Injected: 1", false)]
    public void Last_modified_is_kept_only_when_it_is_an_http_date(string value, bool kept)
    {
        var validators = SourceValidators.From(null, value);

        Assert.Equal(kept ? value : null, validators.LastModified);
        Assert.Equal(!kept, validators.IsEmpty);
    }
}
