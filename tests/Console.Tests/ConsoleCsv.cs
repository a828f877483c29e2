using System.Text;
using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.Console.Tests;

/// <summary>The CSVs the console tests upload.</summary>
public static class ConsoleCsv
{
    public const string Header = "S. No.,Product Name,Input Image Urls";

    /// <summary>Row 3 (the second product) has a serial number that is not a number.</summary>
    public const string InvalidSerialNumber = "'x7' is not a positive whole number.";

    public static string WithBadRow(ImageShelf images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Lines($"1,Good row,{images.Url("photo.jpg")}", $"x7,Bad row,{images.Url("photo.jpg")}");
    }

    /// <summary>Two products: a photo and a graphic that compress, and an image the server does not have.</summary>
    public static string TwoProducts(ImageShelf images, string tag)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Lines(
            $"1,\"Desk lamp {tag}\",\"{images.Url("photo.jpg")},{images.Url("graphic.png")}\"",
            $"2,\"Chair, oak {tag}\",{images.Url("missing.jpg")}");
    }

    public static string Lines(params string[] rows) => new StringBuilder(Header).Append("\r\n").AppendJoin("\r\n", rows).Append("\r\n").ToString();
}
