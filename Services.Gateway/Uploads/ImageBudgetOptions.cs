namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// How many images one client may have accepted per window (section <c>Uploads:ImageBudget</c>); a client is its API
/// key, else its address. The upload rate limit counts uploads, this counts what they cost: images.
/// </summary>
public sealed class ImageBudgetOptions
{
    public const string SectionName = "Uploads:ImageBudget";

    /// <summary>Images a client may have accepted per <see cref="Window"/>; the budget refills once per window.</summary>
    public int PerWindow { get; set; } = 1_000_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
