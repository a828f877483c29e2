using ImagePipeline.ImageWorker.Imaging;
using NetVips;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class SsimTests
{
    [Fact]
    public void An_image_is_identical_to_itself()
    {
        using var image = Grain(300, 200, seed: 1);

        Assert.Equal(1.0, Ssim.Compute(image, image), precision: 6);
    }

    [Fact]
    public void Unrelated_noise_scores_near_zero_and_a_little_grain_scores_high()
    {
        using var image = Grain(300, 200, seed: 1);
        using var other = Grain(300, 200, seed: 2);
        using var faint = Image.Gaussnoise(300, 200, sigma: 2, mean: 0, seed: 9);
        using var noisy = (image + faint).Cast(Enums.BandFormat.Uchar);

        Assert.InRange(Ssim.Compute(image, other), -0.2, 0.2);
        Assert.InRange(Ssim.Compute(image, noisy), 0.9, 0.9999);
    }

    [Fact]
    public void A_damaged_alpha_channel_is_not_hidden_by_perfect_colour()
    {
        using var colour = Grain(300, 200, seed: 1);
        using var opaque = colour.Bandjoin(255);
        using var holes = Grain(300, 200, seed: 5);
        using var damaged = colour.Bandjoin(holes);

        Assert.True(Ssim.Compute(opaque, damaged) < 0.5);
    }

    private static Image Grain(int width, int height, int seed)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 60, mean: 128, seed: seed);
        return noise.Cast(Enums.BandFormat.Uchar);
    }
}
