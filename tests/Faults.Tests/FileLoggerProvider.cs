using Microsoft.Extensions.Logging;

namespace ImagePipeline.Faults.Tests;

/// <summary>
/// Writes the AppHost's log, every service's console output included, to one file: what a failed fault test is
/// diagnosed from. The path is printed by the fixture.
/// </summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };

    public string Path { get; } = path;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    internal void Write(string line)
    {
        lock (_lock)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }
}
