using System.Security.Cryptography;
using System.Text;
using ImagePipeline.Gateway.Uploads;

namespace ImagePipeline.Gateway.Tests.Idempotency;

public sealed class UploadFingerprintTests
{
    private static readonly byte[] Csv = SHA256.HashData(Encoding.UTF8.GetBytes("S. No.,Product Name,Input Image Urls\n1,A,https://x.example/a.jpg\n"));

    [Fact]
    public void The_same_csv_and_webhook_make_the_same_fingerprint()
    {
        Assert.Equal(UploadFingerprint.Of(Csv, "https://hooks.example/a"), UploadFingerprint.Of(Csv.ToArray(), "https://hooks.example/a"));
        Assert.Matches("^[0-9a-f]{64}$", UploadFingerprint.Of(Csv, null));
    }

    [Fact]
    public void Another_csv_or_webhook_makes_another_fingerprint()
    {
        var other = SHA256.HashData(Encoding.UTF8.GetBytes("something else"));

        var fingerprints = new[]
        {
            UploadFingerprint.Of(Csv, null),
            UploadFingerprint.Of(Csv, "https://hooks.example/a"),
            UploadFingerprint.Of(Csv, "https://hooks.example/b"),
            UploadFingerprint.Of(other, null),
        };

        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
    }

    [Fact]
    public void Only_a_sha256_digest_is_taken_for_the_csv()
    {
        Assert.Throws<ArgumentException>(() => UploadFingerprint.Of(new byte[16], null));
    }
}
