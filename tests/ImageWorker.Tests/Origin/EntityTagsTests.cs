using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.ImageWorker.Tests.Origin;

/// <summary>The test origin's reading of RFC 9110's preconditions: if it were wrong, the conditional-download tests would prove nothing.</summary>
public sealed class EntityTagsTests
{
    private static readonly DateTimeOffset Modified = new(2026, 12, 1, 10, 30, 15, TimeSpan.Zero);

    [Theory]
    // RFC 9110 §8.8.3.2's own table
    [InlineData("W/\"1\"", "W/\"1\"", true, false)]
    [InlineData("W/\"1\"", "W/\"2\"", false, false)]
    [InlineData("W/\"1\"", "\"1\"", true, false)]
    [InlineData("\"1\"", "\"1\"", true, true)]
    [InlineData("\"1\"", "\"2\"", false, false)]
    // opaque-tags compare character for character
    [InlineData("\"abc\"", "\"ABC\"", false, false)]
    [InlineData("\"a\"", "a", false, false)]
    [InlineData("w/\"1\"", "\"1\"", false, false)]
    public void Weak_and_strong_comparison_follow_the_RFC_table(string a, string b, bool weak, bool strong)
    {
        Assert.Equal(weak, EntityTags.WeakMatch(a, b));
        Assert.Equal(weak, EntityTags.WeakMatch(b, a));
        Assert.Equal(strong, EntityTags.StrongMatch(a, b));
    }

    [Fact]
    public void A_list_is_split_by_quotes_so_a_comma_inside_a_tag_stays_in_it()
    {
        var tags = EntityTags.Parse("\"a,b\", W/\"c\" ,\"d\", junk, \"e\"");

        Assert.Equal(["\"a,b\"", "W/\"c\"", "\"d\"", "\"e\""], tags);
    }

    [Theory]
    [InlineData("\"x\"", "\"x\"", true)]
    [InlineData("W/\"x\"", "\"x\"", true)]
    [InlineData("\"x\"", "W/\"x\"", true)]
    [InlineData("\"y\", W/\"x\"", "\"x\"", true)]
    [InlineData("\"y\", \"z\"", "\"x\"", false)]
    [InlineData("*", "\"x\"", true)]
    [InlineData("x", "\"x\"", false)]
    public void If_none_match_is_met_by_any_weakly_matching_tag(string ifNoneMatch, string current, bool notModified) =>
        Assert.Equal(notModified, EntityTags.IsNotModified(ifNoneMatch, null, current, Modified));

    [Fact]
    public void If_none_match_wins_over_if_modified_since()
    {
        var stillFresh = EntityTags.FormatHttpDate(Modified.AddDays(1));

        Assert.False(EntityTags.IsNotModified("\"old\"", stillFresh, "\"new\"", Modified));
        Assert.True(EntityTags.IsNotModified("\"new\"", EntityTags.FormatHttpDate(Modified.AddDays(-1)), "\"new\"", Modified));
    }

    [Fact]
    public void If_none_match_without_a_current_tag_is_never_met() =>
        Assert.False(EntityTags.IsNotModified("\"x\"", EntityTags.FormatHttpDate(Modified), null, Modified));

    [Theory]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(-1, false)]
    public void If_modified_since_is_met_when_the_source_changed_no_later(int offsetSeconds, bool notModified) =>
        Assert.Equal(notModified, EntityTags.IsNotModified(null, EntityTags.FormatHttpDate(Modified.AddSeconds(offsetSeconds)), null, Modified));

    [Fact]
    public void If_modified_since_compares_at_whole_seconds() =>
        Assert.True(EntityTags.IsNotModified(null, EntityTags.FormatHttpDate(Modified), null, Modified.AddMilliseconds(700)));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Tue, 01 Dec 2026 10:30:15 GMT, Wed, 02 Dec 2026 10:30:15 GMT")]
    public void An_invalid_if_modified_since_is_ignored(string value) =>
        Assert.False(EntityTags.IsNotModified(null, value, null, Modified));

    [Theory]
    [InlineData("Tue, 01 Dec 2026 10:30:15 GMT")]
    [InlineData("Tuesday, 01-Dec-26 10:30:15 GMT")]
    [InlineData("Tue Dec  1 10:30:15 2026")]
    public void Every_http_date_form_is_read(string value) =>
        Assert.Equal(Modified, EntityTags.HttpDate(value));
}
