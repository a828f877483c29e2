using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Reuse;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.Storage.Files;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Reuse;

public sealed class OutputReuseTests : IDisposable
{
    private const string Key = "images/0123456789abcdef0123456789abcdef.jpg";
    private static readonly SourceVersion Version = new() { ETag = "\"a\"", ContentHash = new string('a', 64), Fingerprint = "f1" };
    private static readonly ImageOutcome Made = new() { OutputKey = Key, BytesOut = 5, Format = "jpeg" };

    private readonly TempDirectory _directory = new();
    private readonly DirectoryFileStore _files;
    private readonly OutputReuse _reuse;

    public OutputReuseTests()
    {
        _files = new DirectoryFileStore(_directory.Path);
        _reuse = new OutputReuse(new OutputFingerprint(Options.Create(new ImageWorkerOptions())), _files, new PublicUrls("http://gateway.test"));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Only_a_success_made_under_the_same_fingerprint_is_applicable()
    {
        Assert.NotNull(OutputReuse.Applicable(new ReusableOutput(Version, Made), "f1"));
        Assert.Null(OutputReuse.Applicable(new ReusableOutput(Version, Made), "f2"));
        Assert.Null(OutputReuse.Applicable(new ReusableOutput(Version, Made with { ReasonCode = "http_404" }), "f1"));
        Assert.Null(OutputReuse.Applicable(new ReusableOutput(Version, Made with { OutputKey = null }), "f1"));
        Assert.Null(OutputReuse.Applicable(new ReusableOutput(Version, Made with { BytesOut = null }), "f1"));
        Assert.Null(OutputReuse.Applicable(null, "f1"));
    }

    [Fact]
    public void Malformed_validators_from_a_message_are_not_sent()
    {
        var validators = OutputReuse.ValidatorsOf(new ReusableOutput(Version with { ETag = "a\r\nX: 1", LastModified = "Tue, 01 Dec 2026 10:30:15 GMT" }, Made));

        Assert.Null(validators.ETag);
        Assert.Equal("Tue, 01 Dec 2026 10:30:15 GMT", validators.LastModified);
    }

    [Fact]
    public async Task An_output_of_the_recorded_length_is_whole_and_any_other_is_not()
    {
        await SaveAsync(Key, 5);
        Assert.True(await _reuse.IsWholeAsync(Made, CancellationToken.None));

        await SaveAsync(Key, 4);
        Assert.False(await _reuse.IsWholeAsync(Made, CancellationToken.None));

        await _files.DeleteAsync(Key, CancellationToken.None);
        Assert.False(await _reuse.IsWholeAsync(Made, CancellationToken.None));
    }

    [Fact]
    public async Task A_named_preview_must_be_stored_too()
    {
        await SaveAsync(Key, 5);
        var withPreview = Made with { OutputPreviewKey = "images/0123456789abcdef0123456789abcdef.output-preview.webp" };

        Assert.False(await _reuse.IsWholeAsync(withPreview, CancellationToken.None));
        await SaveAsync(withPreview.OutputPreviewKey, 3);
        Assert.True(await _reuse.IsWholeAsync(withPreview, CancellationToken.None));
    }

    [Theory]
    [InlineData("uploads/0123456789abcdef0123456789abcdef.csv")]
    [InlineData("../images/x.jpg")]
    public async Task A_key_outside_the_outputs_is_never_whole(string key)
    {
        if (FileKey.IsValid(key))
        {
            await SaveAsync(key, 5);
        }

        Assert.False(await _reuse.IsWholeAsync(Made with { OutputKey = key }, CancellationToken.None));
    }

    [Fact]
    public void A_304_keeps_the_old_validators_it_did_not_replace()
    {
        var refreshed = OutputReuse.Refreshed(Version with { LastModified = "Tue, 01 Dec 2026 10:30:15 GMT" }, SourceValidators.From("\"b\"", null));

        Assert.Equal(("\"b\"", "Tue, 01 Dec 2026 10:30:15 GMT"), (refreshed.ETag, refreshed.LastModified));
        Assert.Equal(Version.ContentHash, refreshed.ContentHash);
    }

    private async Task SaveAsync(string key, int length)
    {
        await using var content = new MemoryStream(new byte[length]);
        await _files.SaveAsync(key, content, CancellationToken.None);
    }
}
