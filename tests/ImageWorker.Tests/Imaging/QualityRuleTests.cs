using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class QualityRuleTests
{
    [Theory]
    [InlineData(92, 46)]
    [InlineData(85, 43)] // 42.5 rounds away from zero
    [InlineData(90, 45)]
    [InlineData(75, 38)] // 37.5
    [InlineData(100, 50)]
    [InlineData(60, 30)]
    [InlineData(1, 1)] // round(0.5) = 1
    [InlineData(2, 1)]
    [InlineData(3, 2)] // 1.5
    public void Halves_the_source_quality(int source, int expected) =>
        Assert.Equal(expected, QualityRule.OutputQuality(source));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Unknown_source_quality_gives_50(int source) =>
        Assert.Equal(50, QualityRule.OutputQuality(source));

    [Fact]
    public void Stays_within_1_to_100_even_for_an_out_of_range_estimate() =>
        Assert.Equal(100, QualityRule.OutputQuality(250));
}
