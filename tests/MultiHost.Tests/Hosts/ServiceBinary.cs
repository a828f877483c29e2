namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>
/// A service as built beside this test (the same configuration, e.g. Debug): the DLL a user runs with
/// <c>dotnet &lt;dll&gt;</c> on a machine of its own.
/// </summary>
public sealed record ServiceBinary(string Name, string DllPath)
{
    public static ServiceBinary Gateway => Of("gateway", new Projects.Services_Gateway().ProjectPath, "ImagePipeline.Gateway");

    public static ServiceBinary Ingest => Of("ingest", new Projects.Services_Ingest().ProjectPath, "ImagePipeline.Ingest");

    public static ServiceBinary Export => Of("export", new Projects.Services_Export().ProjectPath, "ImagePipeline.Export");

    public static ServiceBinary Notifier => Of("notifier", new Projects.Services_Notifier().ProjectPath, "ImagePipeline.Notifier");

    public static ServiceBinary ImageWorker => Of("imageworker", new Projects.Services_ImageWorker().ProjectPath, "ImagePipeline.ImageWorker");

    // this test runs from tests/MultiHost.Tests/bin/<configuration>/<framework>/: the services are built the same way
    private static ServiceBinary Of(string name, string projectPath, string assemblyName)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, framework, assemblyName + ".dll");
        return File.Exists(dll) ? new ServiceBinary(name, dll) : throw new FileNotFoundException($"{name} is not built at {dll}", dll);
    }
}
