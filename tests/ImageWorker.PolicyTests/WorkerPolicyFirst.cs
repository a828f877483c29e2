using System.Runtime.CompilerServices;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker.PolicyTests;

/// <summary>As in the worker process: the policy is in force before ImageMagick runs at all.</summary>
internal static class WorkerPolicyFirst
{
    [ModuleInitializer]
    internal static void Apply() => MagickPolicy.Apply();
}
