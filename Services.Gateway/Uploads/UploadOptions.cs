namespace ImagePipeline.Gateway.Uploads;

/// <summary>Upload settings (section <c>Uploads</c>); the CSV's own limits are in <c>Csv</c>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Most validation errors listed in one answer; the total is always given.</summary>
    public int MaxListedErrors { get; set; } = 1000;

    /// <summary>Longest webhook URL accepted.</summary>
    public int MaxWebhookUrlLength { get; set; } = 2048;
}
