using ImagePipeline.Storage.Files;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>The file store contract on a directory (always runs).</summary>
public sealed class DirectoryFileStoreContractTests : FileStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-files-{Guid.NewGuid():N}");

    protected override Task<IFileStore> CreateStoreAsync() => Task.FromResult<IFileStore>(new DirectoryFileStore(_root));

    // a copy is the file itself or any temporary one left beside it
    protected override Task<int> CopiesOfAsync(string key)
    {
        var path = Path.Combine(_root, key);
        var directory = Path.GetDirectoryName(path)!;
        return Task.FromResult(Directory.Exists(directory)
            ? Directory.GetFiles(directory, Path.GetFileName(path) + "*").Length
            : 0);
    }

    protected override Task CleanUpAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
