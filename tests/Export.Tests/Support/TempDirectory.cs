namespace ImagePipeline.Export.Tests.Support;

/// <summary>A fresh directory under the system temp path, removed (best effort) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("export-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory must not hide the test's own result
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
