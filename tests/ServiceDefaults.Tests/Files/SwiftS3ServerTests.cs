using ImagePipeline.TestSupport.Infrastructure;
using ImagePipeline.TestSupport.ObjectStorage;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>The S3 test server the S3 tests stand on leaves nothing behind, whether it started or not.</summary>
public sealed class SwiftS3ServerTests
{
    [SkippableFact]
    public async Task Disposing_stops_every_process_and_deletes_the_directory()
    {
        Skip.If(RequiredInfrastructure.SwiftS3SkipReason() is not null, RequiredInfrastructure.SwiftS3SkipReason());
        var server = await SwiftS3Server.StartAsync();
        var processes = server.ProcessIds;
        var directory = server.Directory;

        await server.DisposeAsync();

        // memcached and the account, container, object and proxy servers
        Assert.Equal(5, processes.Count);
        Assert.Empty(ProcessesMentioning(directory));
        Assert.False(Directory.Exists(directory));
    }

    [SkippableFact]
    public async Task A_start_that_fails_stops_what_it_started_and_deletes_the_directory()
    {
        Skip.If(RequiredInfrastructure.SwiftS3SkipReason() is not null, RequiredInfrastructure.SwiftS3SkipReason());
        // an address of no interface here (TEST-NET-1): every server is launched, memcached exits at once, the Swift
        // servers keep retrying their bind; a harmless launch prefix keeps the fixture from probing the ports first
        var options = new SwiftS3ServerOptions { BindAddress = "192.0.2.123", LaunchPrefix = ["env"] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SwiftS3Server.StartAsync(options));

        var directory = error.Message.Split(' ').Single(word => word.Contains("imagepipeline-swift-", StringComparison.Ordinal)).TrimEnd(':');
        Assert.Empty(ProcessesMentioning(directory));
        Assert.False(Directory.Exists(directory));
    }

    private static List<int> ProcessesMentioning(string directory) =>
        [.. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(pid => CommandLineOf(pid!).Contains(directory, StringComparison.Ordinal))
            .Select(pid => int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string CommandLineOf(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
