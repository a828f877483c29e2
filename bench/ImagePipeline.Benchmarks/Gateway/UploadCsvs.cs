using System.Globalization;
using System.Text;

namespace ImagePipeline.Benchmarks.Gateway;

/// <summary>The two uploads the gateway-memory benchmark compares, written to files of a given size.</summary>
public static class UploadCsvs
{
    private const string Header = "S. No.,Product Name,Input Image Urls\r\n";

    /// <summary>
    /// Issue 10's hostile upload: <paramref name="rows"/> products, each one quoted cell of <paramref name="urlsPerRow"/>
    /// bare <c>a</c> "URLs" — every one of them an error (20 × 450,000 ≈ 18 MB).
    /// </summary>
    public static void WriteBareUrls(string path, int rows, int urlsPerRow)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        file.Write(Header);
        var cell = string.Join(',', Enumerable.Repeat("a", urlsPerRow));
        for (var row = 1; row <= rows; row++)
        {
            file.Write(string.Create(CultureInfo.InvariantCulture, $"{row},SKU{row},\"{cell}\"\r\n"));
        }
    }

    /// <summary>
    /// A valid upload as close to <paramref name="bytes"/> as whole rows allow: one URL of about
    /// <paramref name="urlLength"/> characters per product, so the upload is large but the images few.
    /// </summary>
    public static int WriteValid(string path, long bytes, int urlLength)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        file.Write(Header);
        long written = Header.Length;
        var row = 0;
        while (true)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"https://img.example/p/{row + 1}/");
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{row + 1},SKU{row + 1},{prefix}{new string('x', Math.Max(1, urlLength - prefix.Length - 4))}.jpg\r\n");
            if (written + line.Length > bytes)
            {
                return row;
            }
            file.Write(line);
            written += line.Length;
            row++;
        }
    }
}
