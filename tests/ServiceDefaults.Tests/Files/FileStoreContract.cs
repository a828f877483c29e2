using System.Text;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>
/// What every <see cref="IFileStore"/> promises, written once and run against each backend. Methods are
/// <c>[SkippableFact]</c> so a backend without its server here skips with a reason.
/// </summary>
public abstract class FileStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    protected IFileStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IFileStore> CreateStoreAsync();

    /// <summary>How many copies of <paramref name="key"/> the backend holds (revisions, files, leftovers).</summary>
    protected abstract Task<int> CopiesOfAsync(string key);

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => CleanUpAsync();

    [SkippableFact]
    public async Task Reads_back_what_was_saved()
    {
        var bytes = Bytes(300_000, seed: 1);

        await Store.SaveAsync("images/a.jpg", new MemoryStream(bytes), Token());
        await using var file = await Store.OpenReadAsync("images/a.jpg", Token());

        Assert.NotNull(file);
        Assert.Equal(bytes, await ReadAllAsync(file.Content));
    }

    [SkippableFact]
    public async Task Length_is_the_stored_size()
    {
        await Store.SaveAsync("exports/big.csv", new MemoryStream(Bytes(1_000_001, seed: 2)), Token());

        await using var file = await Store.OpenReadAsync("exports/big.csv", Token());

        Assert.Equal(1_000_001, file!.Length);
    }

    [SkippableFact]
    public async Task An_empty_file_is_a_file()
    {
        await Store.SaveAsync("uploads/empty.csv", new MemoryStream(), Token());

        await using var file = await Store.OpenReadAsync("uploads/empty.csv", Token());

        Assert.NotNull(file);
        Assert.Equal(0, file.Length);
        Assert.Empty(await ReadAllAsync(file.Content));
    }

    [SkippableTheory]
    [InlineData("images/a.jpg", "image/jpeg")]
    [InlineData("images/a.png", "image/png")]
    [InlineData("images/a.webp", "image/webp")]
    [InlineData("images/a.gif", "image/gif")]
    [InlineData("exports/a.csv", "text/csv; charset=utf-8")]
    [InlineData("misc/a.bin", "application/octet-stream")]
    public async Task Content_type_follows_the_key(string key, string contentType)
    {
        await Store.SaveAsync(key, new MemoryStream([1, 2, 3]), Token());

        await using var file = await Store.OpenReadAsync(key, Token());

        Assert.Equal(contentType, file!.ContentType);
    }

    [SkippableFact]
    public async Task A_missing_key_reads_as_null()
    {
        await Store.SaveAsync("images/present.jpg", new MemoryStream([1]), Token());

        Assert.Null(await Store.OpenReadAsync("images/absent.jpg", Token()));
        Assert.Null(await Store.OpenReadAsync("nowhere/absent.jpg", Token()));
    }

    [SkippableFact]
    public async Task Saving_again_overwrites_and_keeps_one_copy()
    {
        await Store.SaveAsync("images/b.jpg", new MemoryStream(Encoding.UTF8.GetBytes("first, and longer than the second")), Token());

        await Store.SaveAsync("images/b.jpg", new MemoryStream(Encoding.UTF8.GetBytes("second")), Token());
        await using var file = await Store.OpenReadAsync("images/b.jpg", Token());

        Assert.Equal("second", Encoding.UTF8.GetString(await ReadAllAsync(file!.Content)));
        Assert.Equal(6, file.Length);
        Assert.Equal(1, await CopiesOfAsync("images/b.jpg"));
    }

    [SkippableFact]
    public async Task Keys_are_independent()
    {
        await Store.SaveAsync("images/c1.jpg", new MemoryStream([1]), Token());
        await Store.SaveAsync("images/c2.jpg", new MemoryStream([2]), Token());

        await Store.SaveAsync("images/c1.jpg", new MemoryStream([3]), Token());

        await using var other = await Store.OpenReadAsync("images/c2.jpg", Token());
        Assert.Equal([2], await ReadAllAsync(other!.Content));
        Assert.Equal(1, await CopiesOfAsync("images/c2.jpg"));
    }

    [SkippableFact]
    public async Task Concurrent_saves_of_one_key_leave_one_whole_file()
    {
        var versions = Enumerable.Range(0, 12).Select(i => Bytes(200_000 + i * 1_000, seed: 100 + i)).ToArray();

        await Task.WhenAll(versions.Select(bytes => Task.Run(() => Store.SaveAsync("images/raced.jpg", new MemoryStream(bytes), Token()))));
        await using var file = await Store.OpenReadAsync("images/raced.jpg", Token());

        var stored = await ReadAllAsync(file!.Content);
        Assert.Contains(versions, version => version.AsSpan().SequenceEqual(stored));
        Assert.Equal(stored.Length, file.Length);
        Assert.Equal(1, await CopiesOfAsync("images/raced.jpg"));
    }

    [SkippableFact]
    public async Task An_invalid_key_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync("Images/UPPER.jpg", new MemoryStream([1]), Token()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync("../escape.jpg", Token()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync("../escape.jpg", Token()));
    }

    [SkippableFact]
    public async Task A_deleted_key_reads_as_null_and_leaves_no_copy()
    {
        await Store.SaveAsync("images/d.jpg", new MemoryStream([1]), Token());
        await Store.SaveAsync("images/d.jpg", new MemoryStream([2]), Token());

        await Store.DeleteAsync("images/d.jpg", Token());

        Assert.Null(await Store.OpenReadAsync("images/d.jpg", Token()));
        Assert.Equal(0, await CopiesOfAsync("images/d.jpg"));
    }

    [SkippableFact]
    public async Task Deleting_is_safe_to_repeat_and_leaves_other_keys()
    {
        await Store.SaveAsync("uploads/e1.csv", new MemoryStream([1]), Token());
        await Store.SaveAsync("uploads/e2.csv", new MemoryStream([2]), Token());

        await Store.DeleteAsync("uploads/e1.csv", Token());
        await Store.DeleteAsync("uploads/e1.csv", Token());
        await Store.DeleteAsync("nowhere/never.csv", Token());

        await using var other = await Store.OpenReadAsync("uploads/e2.csv", Token());
        Assert.Equal([2], await ReadAllAsync(other!.Content));
    }

    [SkippableFact]
    public async Task A_key_can_be_saved_again_after_a_delete()
    {
        await Store.SaveAsync("cancelled/f", Stream.Null, Token());
        await Store.DeleteAsync("cancelled/f", Token());

        await Store.SaveAsync("cancelled/f", new MemoryStream([7]), Token());

        await using var file = await Store.OpenReadAsync("cancelled/f", Token());
        Assert.Equal([7], await ReadAllAsync(file!.Content));
    }

    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static CancellationToken Token() => new CancellationTokenSource(Bound).Token;

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
