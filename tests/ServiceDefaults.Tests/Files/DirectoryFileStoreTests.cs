using ImagePipeline.Storage.Files;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>What only the directory store must guard: no key reaches outside its root.</summary>
public sealed class DirectoryFileStoreTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), $"imagepipeline-root-{Guid.NewGuid():N}");
    private readonly DirectoryFileStore _store;

    public DirectoryFileStoreTests() => _store = new DirectoryFileStore(Path.Combine(_parent, "files"));

    [Theory]
    [InlineData("../outside.jpg")]
    [InlineData("images/../../outside.jpg")]
    [InlineData("/tmp/outside.jpg")]
    [InlineData("images/./a.jpg")]
    [InlineData(".hidden")]
    [InlineData("images\\..\\..\\outside.jpg")]
    public async Task A_key_that_could_climb_out_is_refused_and_writes_nothing(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(key, new MemoryStream([1]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));

        Assert.Equal([Path.Combine(_parent, "files")], Directory.GetFileSystemEntries(_parent));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_parent, "files"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Saves_leave_no_temporary_files()
    {
        await _store.SaveAsync("images/a.jpg", new MemoryStream([1, 2]), CancellationToken.None);
        await _store.SaveAsync("images/a.jpg", new MemoryStream([3]), CancellationToken.None);

        Assert.Equal([Path.Combine(_parent, "files", "images", "a.jpg")], Directory.GetFiles(Path.Combine(_parent, "files"), "*", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
